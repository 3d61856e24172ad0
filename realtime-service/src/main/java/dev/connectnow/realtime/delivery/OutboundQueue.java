package dev.connectnow.realtime.delivery;

import java.util.ArrayDeque;

/**
 * The frames of one socket that the transport has not taken yet, bounded by count and by bytes. Past half of
 * either bound, sheddable frames (typing, presence) are refused; a frame that does not fit at all means the
 * client reads too slowly and the socket must be closed (4010). So a client that never reads holds at most the
 * bounds, and nobody else's frames wait for it: producers only ever append here, they never block.
 *
 * <p>Frames replayed on RESUME are queued outside the bounds: the replay buffer already bounds them, and
 * counting them would close a resumed socket as too slow before it had a chance to read its backlog.
 *
 * <p>Thread-safe: producers (Kafka listener threads) offer, the socket's event loop polls.
 */
public final class OutboundQueue {

    /** What happened to an offered frame. */
    public enum Offer {
        QUEUED,
        SHED,
        OVERFLOW
    }

    private final int maxFrames;
    private final long maxBytes;
    private final ArrayDeque<OutboundFrame> frames = new ArrayDeque<>(4);
    private long bytes;
    private int replayedFrames;
    private boolean closed;

    public OutboundQueue(int maxFrames, long maxBytes) {
        if (maxFrames < 2 || maxBytes < 2) {
            throw new IllegalArgumentException("queue bounds must be at least 2");
        }
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    public synchronized Offer offer(OutboundFrame frame) {
        if (closed) {
            return Offer.SHED;
        }
        if (frame.replayed()) {
            frames.addLast(frame);
            replayedFrames++;
            return Offer.QUEUED;
        }
        if (frame.sheddable()
                && (frames.size() - replayedFrames >= maxFrames / 2 || bytes + frame.bytes() > maxBytes / 2)) {
            return Offer.SHED;
        }
        if (frames.size() - replayedFrames >= maxFrames || bytes + frame.bytes() > maxBytes) {
            closed = true;
            return Offer.OVERFLOW;
        }
        frames.addLast(frame);
        bytes += frame.bytes();
        return Offer.QUEUED;
    }

    /** The oldest frame, or null when empty. */
    public synchronized OutboundFrame poll() {
        OutboundFrame frame = frames.pollFirst();
        if (frame != null && frame.replayed()) {
            replayedFrames--;
        } else if (frame != null) {
            bytes -= frame.bytes();
        }
        return frame;
    }

    /** Refuses every later offer and drops what waits (the socket is gone). */
    public synchronized void close() {
        closed = true;
        frames.clear();
        bytes = 0;
        replayedFrames = 0;
    }

    public synchronized int size() {
        return frames.size();
    }

    /** Bytes of the bounded (live) frames waiting. */
    public synchronized long bytes() {
        return bytes;
    }
}
