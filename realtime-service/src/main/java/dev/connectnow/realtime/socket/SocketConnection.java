package dev.connectnow.realtime.socket;

import dev.connectnow.realtime.delivery.OutboundFrame;
import dev.connectnow.realtime.delivery.OutboundQueue;
import dev.connectnow.realtime.inbound.FrameRateLimiter;
import dev.connectnow.realtime.protocol.ClientFrame;
import dev.connectnow.realtime.protocol.CloseCodes;
import dev.connectnow.realtime.protocol.ProtocolViolation;
import dev.connectnow.realtime.protocol.ServerFrames;
import dev.connectnow.realtime.session.Session;
import dev.connectnow.realtime.session.SessionOutbound;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One WebSocket and its protocol state: HELLO sent → IDENTIFY or RESUME within the deadline → READY (a session
 * is attached) → closed. Client frames of one socket arrive one at a time (the transport's event loop); the
 * session and the Kafka threads only append to the bounded queue and wake the transport.
 *
 * <p>Locking: state changes that involve a session take this object's monitor and then the session's; code
 * holding a session's monitor only calls {@link #offer} and {@link #close}, which never take this monitor.
 */
public final class SocketConnection implements SessionOutbound {

    /** Where the socket is in the protocol. */
    public enum State {
        AWAITING_IDENTIFY,
        AUTHENTICATING,
        READY,
        CLOSED
    }

    private final SocketHub hub;
    private final UUID socketId;
    private final String resumeUrl;
    private final OutboundQueue queue;
    private final FrameRateLimiter limiter;
    private final AtomicReference<State> state = new AtomicReference<>(State.AWAITING_IDENTIFY);
    private Transport transport;
    private volatile long lastHeardNanos;
    private volatile long identifyDeadlineNanos;
    private volatile Session session;
    private volatile UUID userId;
    private volatile Instant connectedAt;
    private volatile boolean announced;

    SocketConnection(SocketHub hub, UUID socketId, String resumeUrl, OutboundQueue queue, FrameRateLimiter limiter) {
        this.hub = hub;
        this.socketId = socketId;
        this.resumeUrl = resumeUrl;
        this.queue = queue;
        this.limiter = limiter;
    }

    void start(Transport transport, long nowNanos, long identifyTimeoutNanos, String hello) {
        this.transport = transport;
        transport.attach(this);
        this.lastHeardNanos = nowNanos;
        this.identifyDeadlineNanos = nowNanos + identifyTimeoutNanos;
        offer(OutboundFrame.control(hello));
    }

    // ------------------------------------------------------------------ inbound (the transport's thread)

    /** A text frame from the client. */
    public void onText(String text) {
        if (state.get() == State.CLOSED) {
            return;
        }
        hub.metrics().frameIn();
        long now = hub.nanoTime();
        if (!limiter.tryAcquire(now)) {
            close(CloseCodes.RATE_LIMITED, "rate limited");
            return;
        }
        lastHeardNanos = now;
        ClientFrame frame;
        try {
            frame = hub.parser().parse(text);
        } catch (ProtocolViolation violation) {
            close(violation.closeCode(), violation.reason());
            return;
        }
        if (frame instanceof ClientFrame.Heartbeat heartbeat) {
            offer(OutboundFrame.control(ServerFrames.HEARTBEAT_ACK));
            Session current = session;
            if (current != null && heartbeat.lastSeq() != null) {
                current.acknowledge(heartbeat.lastSeq());
            }
        } else if (frame instanceof ClientFrame.Identify identify) {
            if (startAuthenticating()) {
                hub.identify(this, identify.token());
            }
        } else if (frame instanceof ClientFrame.Resume resume) {
            if (startAuthenticating()) {
                hub.resume(this, resume);
            }
        } else if (frame instanceof ClientFrame.Typing typing) {
            if (requireReady()) {
                hub.typing(this, typing.channelId());
            }
        } else if (frame instanceof ClientFrame.Activity) {
            if (requireReady()) {
                hub.activity(this);
            }
        } else if (frame instanceof ClientFrame.PresenceSubscribe subscribe) {
            if (requireReady()) {
                hub.subscribe(this, subscribe.userIds());
            }
        }
    }

    /** A binary frame: the protocol is JSON text. */
    public void onBinary() {
        close(CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported");
    }

    private boolean startAuthenticating() {
        if (state.compareAndSet(State.AWAITING_IDENTIFY, State.AUTHENTICATING)) {
            return true;
        }
        close(CloseCodes.POLICY_VIOLATION, "already identified");
        return false;
    }

    private boolean requireReady() {
        if (state.get() == State.READY) {
            return true;
        }
        // READY (or RESUMED) is queued, and may already have reached the client, while the hub still holds this
        // connection to finish the identify: a client answering at once waits for that instead of being refused
        synchronized (this) {
            if (state.get() == State.READY) {
                return true;
            }
        }
        close(CloseCodes.NOT_AUTHENTICATED, "not authenticated");
        return false;
    }

    /** The transport reports the end of the socket (once), with the close code sent or received (1006: none). */
    public void transportClosed(int code) {
        Session ended;
        synchronized (this) {
            state.set(State.CLOSED);
            queue.close();
            ended = session;
        }
        hub.closed(this, ended, code);
    }

    // ------------------------------------------------------------------ transitions (under this monitor)

    /** IDENTIFY succeeded: the session is attached, READY is the first frame it sends. False if closed meanwhile. */
    synchronized boolean becomeReady(Session newSession, UUID user) {
        if (state.get() != State.AUTHENTICATING) {
            return false;
        }
        session = newSession;
        userId = user;
        offer(OutboundFrame.control(ServerFrames.ready(newSession.id(), socketId, user, resumeUrl)));
        state.set(State.READY);
        return true;
    }

    /** RESUME succeeded: the session was moved here (its missed events and RESUMED are queued). */
    synchronized boolean becomeResumed(Session resumed) {
        if (state.get() != State.AUTHENTICATING) {
            return false;
        }
        session = resumed;
        userId = resumed.userId();
        state.set(State.READY);
        return true;
    }

    /** The session could not be resumed: INVALID_SESSION, and the client may IDENTIFY on this socket. */
    synchronized void invalidSession(long nowNanos, long identifyTimeoutNanos) {
        if (state.compareAndSet(State.AUTHENTICATING, State.AWAITING_IDENTIFY)) {
            identifyDeadlineNanos = nowNanos + identifyTimeoutNanos;
            offer(OutboundFrame.control(ServerFrames.INVALID_SESSION));
        }
    }

    // ------------------------------------------------------------------ outbound (any thread)

    @Override
    public OutboundQueue.Offer offer(OutboundFrame frame) {
        OutboundQueue.Offer offer = queue.offer(frame);
        if (offer == OutboundQueue.Offer.QUEUED) {
            transport.framesWaiting();
        }
        return offer;
    }

    /** The next frame to write, or null; called by the transport while it can write. */
    public OutboundFrame nextFrame() {
        return queue.poll();
    }

    /** The transport wrote a frame. */
    public void written(OutboundFrame frame) {
        hub.metrics().frameOut(frame.eventTime(), hub.now());
    }

    @Override
    public void overflowed() {
        close(CloseCodes.TOO_SLOW, "too slow: outbound queue overflowed");
    }

    @Override
    public void superseded() {
        close(CloseCodes.SESSION_INVALID, "session resumed on another socket");
    }

    /** Closes the socket with this code; only the first close counts. Never blocks, never takes a monitor. */
    public void close(int code, String reason) {
        if (state.getAndSet(State.CLOSED) != State.CLOSED) {
            queue.close();
            hub.metrics().closed(code);
            transport.close(code, reason);
        }
    }

    // ------------------------------------------------------------------ reads

    public UUID socketId() {
        return socketId;
    }

    public State state() {
        return state.get();
    }

    public Session session() {
        return session;
    }

    public UUID userId() {
        return userId;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    long identifyDeadlineNanos() {
        return identifyDeadlineNanos;
    }

    /** Whether socket.connected was published (so socket.disconnected must follow). */
    boolean announced() {
        return announced;
    }

    /** The socket counts as connected from {@code at}: in socket.connected, heartbeats and socket.disconnected. */
    void markAnnounced(Instant at) {
        connectedAt = at;
        announced = true;
    }

    public int queuedFrames() {
        return queue.size();
    }
}
