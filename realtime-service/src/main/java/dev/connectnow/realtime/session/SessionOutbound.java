package dev.connectnow.realtime.session;

import dev.connectnow.realtime.delivery.OutboundFrame;
import dev.connectnow.realtime.delivery.OutboundQueue;

/** The socket a session is attached to, as the session sees it: a bounded queue it may only append to. */
public interface SessionOutbound {

    OutboundQueue.Offer offer(OutboundFrame frame);

    /** The queue overflowed: close the socket with 4010 (the session stays resumable). */
    void overflowed();

    /** The session moved to another socket (RESUME): close this one with 4009. */
    void superseded();
}
