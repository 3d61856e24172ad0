package dev.connectnow.realtime.session;

import dev.connectnow.realtime.delivery.OutboundFrame;
import dev.connectnow.realtime.delivery.OutboundQueue;
import dev.connectnow.realtime.delivery.ReplayBuffer;
import dev.connectnow.realtime.protocol.ServerFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One client session: the sequence its events are numbered in, the recent events kept for RESUME, and the
 * socket it is attached to (none while detached). Every event of the session goes through one lock, so
 * numbering, buffering and queueing happen in one order: {@code s} rises by one with no gap and no duplicate,
 * and a RESUME hands over to the new socket between two events, never in the middle of one.
 */
public final class Session {

    /** What became of one delivered event. */
    public enum Delivery {
        QUEUED,
        BUFFERED_WHILE_DETACHED,
        SHED,
        OVERFLOW,
        DROPPED_ENDED
    }

    private final UUID sessionId;
    private final UUID userId;
    private final UUID tokenSessionId;
    private final ReplayBuffer replay;
    private long seq;
    private SessionOutbound attached;
    private Instant detachedAt;
    private boolean ended;
    private volatile Set<UUID> presenceSubscriptions = Set.of();

    public Session(UUID sessionId, UUID userId, UUID tokenSessionId, ReplayBuffer replay, SessionOutbound socket) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.tokenSessionId = tokenSessionId;
        this.replay = replay;
        this.attached = socket;
    }

    public UUID id() {
        return sessionId;
    }

    public UUID userId() {
        return userId;
    }

    /** The {@code sid} of the access token that opened the session (auth-service's session = device). */
    public UUID tokenSessionId() {
        return tokenSessionId;
    }

    /** Numbers the event, keeps it for RESUME and queues it on the attached socket. */
    public synchronized Delivery deliver(String type, String payloadJson, Instant eventTime, Instant now) {
        if (ended) {
            return Delivery.DROPPED_ENDED;
        }
        seq++;
        ReplayBuffer.Entry entry = new ReplayBuffer.Entry(seq, type, payloadJson, eventTime, now);
        replay.append(entry);
        if (attached == null) {
            return Delivery.BUFFERED_WHILE_DETACHED;
        }
        return queue(OutboundFrame.event(entry.frame(), eventTime), now);
    }

    /** An ephemeral event (typing, presence): no sequence number, not kept, shed first. */
    public synchronized Delivery deliverEphemeral(String type, String payloadJson, Instant eventTime, Instant now) {
        if (ended) {
            return Delivery.DROPPED_ENDED;
        }
        if (attached == null) {
            return Delivery.SHED;
        }
        return queue(OutboundFrame.ephemeral(ServerFrames.ephemeralEvent(type, payloadJson), eventTime), now);
    }

    private Delivery queue(OutboundFrame frame, Instant now) {
        OutboundQueue.Offer offer = attached.offer(frame);
        switch (offer) {
            case QUEUED -> {
                return Delivery.QUEUED;
            }
            case SHED -> {
                return Delivery.SHED;
            }
            default -> {
                SessionOutbound slow = attached;
                attached = null;
                detachedAt = now;
                slow.overflowed();
                return Delivery.OVERFLOW;
            }
        }
    }

    /**
     * Moves the session to a new socket: closes the socket that still held it (4009), queues the events after
     * {@code lastSeq} and then RESUMED on the new one. Empty when the buffer no longer has every missed event;
     * otherwise the number of events replayed.
     */
    public synchronized Optional<Integer> resume(SessionOutbound socket, long lastSeq, Instant now) {
        if (ended) {
            return Optional.empty();
        }
        Optional<List<ReplayBuffer.Entry>> missed = replay.after(lastSeq, seq);
        if (missed.isEmpty()) {
            return Optional.empty();
        }
        SessionOutbound previous = attached;
        attached = socket;
        detachedAt = null;
        if (previous != null && previous != socket) {
            previous.superseded();
        }
        replay.acknowledge(lastSeq);
        for (ReplayBuffer.Entry entry : missed.get()) {
            socket.offer(OutboundFrame.replayed(entry.frame(), entry.eventTime()));
        }
        socket.offer(OutboundFrame.control(ServerFrames.RESUMED));
        return Optional.of(missed.get().size());
    }

    /** The socket closed; the session waits for a RESUME (if the socket was still the one attached). */
    public synchronized void detach(SessionOutbound socket, Instant now) {
        if (attached == socket) {
            attached = null;
        }
        if (attached == null && detachedAt == null) {
            detachedAt = now;
        }
    }

    /** Whether the session is attached to this socket. */
    public synchronized boolean isAttachedTo(SessionOutbound socket) {
        return attached == socket;
    }

    public synchronized boolean isAttached() {
        return attached != null;
    }

    public synchronized void acknowledge(long lastSeq) {
        if (lastSeq <= seq) {
            replay.acknowledge(lastSeq);
        }
    }

    /** Detached for longer than {@code window}: cannot be resumed any more. */
    public synchronized boolean expired(Instant now, Duration window) {
        return ended
                || (attached == null
                        && detachedAt != null
                        && !detachedAt.plus(window).isAfter(now));
    }

    public synchronized void end() {
        ended = true;
        attached = null;
    }

    public synchronized boolean ended() {
        return ended;
    }

    public synchronized long lastSeq() {
        return seq;
    }

    public synchronized int buffered() {
        return replay.size();
    }

    public Set<UUID> presenceSubscriptions() {
        return presenceSubscriptions;
    }

    public void presenceSubscriptions(Set<UUID> userIds) {
        presenceSubscriptions = Set.copyOf(userIds);
    }
}
