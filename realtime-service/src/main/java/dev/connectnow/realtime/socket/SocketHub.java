package dev.connectnow.realtime.socket;

import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.realtime.RealtimeProperties;
import dev.connectnow.realtime.connection.ConnectionEventPublisher;
import dev.connectnow.realtime.delivery.OutboundQueue;
import dev.connectnow.realtime.delivery.ReplayBuffer;
import dev.connectnow.realtime.inbound.Coalescer;
import dev.connectnow.realtime.inbound.FrameRateLimiter;
import dev.connectnow.realtime.protocol.ClientFrame;
import dev.connectnow.realtime.protocol.ClientFrameParser;
import dev.connectnow.realtime.protocol.CloseCodes;
import dev.connectnow.realtime.protocol.ServerFrames;
import dev.connectnow.realtime.routing.RoutingIndex;
import dev.connectnow.realtime.routing.SnapshotLoader;
import dev.connectnow.realtime.session.Revocations;
import dev.connectnow.realtime.session.Session;
import dev.connectnow.realtime.session.SessionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets and sessions of this instance and the rules between them: who may identify or resume, when a
 * socket is closed (deadlines, heartbeats, revocation, shutdown), when a detached session is forgotten, what
 * typing, activity and presence subscriptions produce, and delivery of routed events to sessions.
 */
public final class SocketHub {

    private static final Logger log = LoggerFactory.getLogger(SocketHub.class);

    private final RealtimeProperties properties;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final TokenVerifier tokens;
    private final SnapshotLoader snapshots;
    private final RoutingIndex index;
    private final SessionRegistry sessions;
    private final Revocations revocations;
    private final ConnectionEventPublisher events;
    private final RealtimeMetrics metrics;
    private final Executor authExecutor;
    private final ClientFrameParser parser;
    private final Coalescer<TypingKey> typing;
    private final Coalescer<UUID> activity;
    private final Set<SocketConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object announcements = new Object();
    private volatile boolean accepting;
    private volatile boolean stopping;

    record TypingKey(UUID userId, UUID channelId) {}

    public SocketHub(
            RealtimeProperties properties,
            Clock clock,
            LongSupplier nanoTime,
            TokenVerifier tokens,
            SnapshotLoader snapshots,
            RoutingIndex index,
            SessionRegistry sessions,
            Revocations revocations,
            ConnectionEventPublisher events,
            RealtimeMetrics metrics,
            Executor authExecutor) {
        this.properties = properties;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.tokens = tokens;
        this.snapshots = snapshots;
        this.index = index;
        this.sessions = sessions;
        this.revocations = revocations;
        this.events = events;
        this.metrics = metrics;
        this.authExecutor = authExecutor;
        this.parser = new ClientFrameParser(properties.maxPresenceSubscriptions());
        this.typing = new Coalescer<>(properties.typing().coalesce().toNanos());
        this.activity = new Coalescer<>(properties.activityCoalesce().toNanos());
        metrics.gauges(this::liveSocketCount, sessions::size, this::detachedSessionCount);
    }

    // ------------------------------------------------------------------ opening

    /**
     * A new WebSocket: HELLO is queued at once; IDENTIFY or RESUME must follow within the deadline.
     *
     * @param resumeUrl where this socket's session can be resumed, or null when resumes need no routing
     */
    public SocketConnection open(Transport transport, String resumeUrl) {
        long openedNanos = nanoTime();
        SocketConnection connection = new SocketConnection(
                this,
                UUID.randomUUID(),
                resumeUrl,
                new OutboundQueue(
                        properties.outbound().maxFrames(), properties.outbound().maxBytes()),
                new FrameRateLimiter(
                        properties.inboundFrames(), properties.inboundPeriod().toNanos(), openedNanos));
        // attached and given its deadline before the sweeper or a shutdown can see it: seen earlier, its deadline
        // still read 0, long past, and the sweep closed it 4001 before the client could identify
        connection.start(
                transport,
                openedNanos,
                properties.identifyTimeout().toNanos(),
                ServerFrames.hello(properties.heartbeatInterval().toMillis()));
        connections.add(connection);
        if (!accepting) {
            connection.close(CloseCodes.SERVICE_RESTART, "the instance is not accepting sockets");
        }
        return connection;
    }

    /**
     * Sockets are accepted once every topic is being consumed: a socket accepted earlier could miss events
     * published before the consumers had their partitions.
     */
    public void startAccepting() {
        if (!stopping) {
            accepting = true;
        }
    }

    public boolean accepting() {
        return accepting;
    }

    // ------------------------------------------------------------------ IDENTIFY

    void identify(SocketConnection connection, String token) {
        CompletableFuture.supplyAsync(() -> tokens.verify(token), authExecutor).whenComplete((verified, failure) -> {
            if (failure != null) {
                rejectToken(connection, failure);
            } else if (revocations.isRevoked(verified.userId(), verified.sessionId(), verified.issuedAt())) {
                connection.close(CloseCodes.REVOKED, "session revoked");
            } else {
                identifyVerified(connection, verified, token);
            }
        });
    }

    private void identifyVerified(SocketConnection connection, TokenVerifier.VerifiedToken verified, String token) {
        UUID userId = verified.userId();
        RoutingIndex.Acquisition acquisition = index.acquire(userId);
        if (acquisition.mustLoad()) {
            snapshots
                    .load(userId, token)
                    .orTimeout(properties.snapshotTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((snapshot, failure) -> {
                        if (failure != null) {
                            log.warn("membership snapshot unavailable: {}", rootMessage(failure));
                            index.abandon(userId, failure);
                        } else {
                            index.install(userId, snapshot);
                        }
                    });
        }
        acquisition.ready().whenComplete((ignored, failure) -> {
            if (failure != null) {
                connection.close(CloseCodes.TRY_AGAIN_LATER, "memberships unavailable, try again later");
                return;
            }
            Session session =
                    new Session(UUID.randomUUID(), userId, verified.sessionId(), newReplayBuffer(), connection);
            if (!attachNew(connection, session)) {
                index.release(userId);
                return;
            }
            // a ban or revocation may have been applied while the snapshot loaded
            if (revocations.isRevoked(userId, verified.sessionId(), verified.issuedAt())) {
                endSession(session, CloseCodes.REVOKED, "session revoked");
            }
        });
    }

    private boolean attachNew(SocketConnection connection, Session session) {
        synchronized (connection) {
            if (!connection.becomeReady(session, session.userId())) {
                return false;
            }
            sessions.add(session);
            announce(connection);
            return true;
        }
    }

    // ------------------------------------------------------------------ RESUME

    void resume(SocketConnection connection, ClientFrame.Resume resume) {
        CompletableFuture.supplyAsync(() -> tokens.verify(resume.token()), authExecutor)
                .whenComplete((verified, failure) -> {
                    if (failure != null) {
                        rejectToken(connection, failure);
                    } else if (revocations.isRevoked(verified.userId(), verified.sessionId(), verified.issuedAt())) {
                        connection.close(CloseCodes.REVOKED, "session revoked");
                    } else {
                        resumeVerified(connection, verified, resume);
                    }
                });
    }

    private void resumeVerified(
            SocketConnection connection, TokenVerifier.VerifiedToken verified, ClientFrame.Resume resume) {
        Session session = sessions.get(resume.sessionId());
        // another user's or another device's session id is as unknown as an expired one
        if (session == null
                || !session.userId().equals(verified.userId())
                || !session.tokenSessionId().equals(verified.sessionId())) {
            invalid(connection);
            return;
        }
        Instant now = now();
        synchronized (connection) {
            if (connection.state() != SocketConnection.State.AUTHENTICATING) {
                return;
            }
            Optional<Integer> replayed = session.resume(connection, resume.lastSeq(), now);
            if (replayed.isEmpty()) {
                invalid(connection);
                return;
            }
            connection.becomeResumed(session);
            metrics.resumed(replayed.get());
            announce(connection);
        }
    }

    private void invalid(SocketConnection connection) {
        metrics.resumeInvalid();
        connection.invalidSession(nanoTime(), properties.identifyTimeout().toNanos());
    }

    private void rejectToken(SocketConnection connection, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        if (cause instanceof TokenVerifier.InvalidTokenException) {
            connection.close(CloseCodes.NOT_AUTHENTICATED, "invalid token");
        } else {
            log.warn("access token could not be checked: {}", rootMessage(cause));
            connection.close(CloseCodes.TRY_AGAIN_LATER, "authentication unavailable, try again later");
        }
    }

    /**
     * Publishes socket.connected. Called under the connection's monitor, which transportClosed takes too, so a
     * socket's disconnect is always published after its connect (the sender keeps the order). The connect time
     * is taken under the announcement lock that the instance heartbeat also takes: every socket connected
     * before a heartbeat's {@code sentAt} is listed in it.
     */
    private void announce(SocketConnection connection) {
        synchronized (announcements) {
            Instant at = now();
            connection.markAnnounced(at);
            events.connected(connection.socketId(), connection.userId(), at);
        }
    }

    /** The instance heartbeat: {@code sentAt} first, then every socket announced before it and still open. */
    public void publishHeartbeat(boolean stopping) {
        Instant sentAt;
        List<LiveSocket> live;
        synchronized (announcements) {
            sentAt = now();
            live = liveSockets();
        }
        events.heartbeat(sentAt, live, properties.instanceHeartbeatInterval(), stopping);
    }

    // ------------------------------------------------------------------ closing

    /** The socket ended: its session detaches (resumable close) or ends; presence learns of it. */
    void closed(SocketConnection connection, Session session, int code) {
        if (!connections.remove(connection)) {
            return;
        }
        if (session != null && session.isAttachedTo(connection)) {
            if (CloseCodes.leavesSessionResumable(code)) {
                session.detach(connection, now());
            } else {
                endSession(session, code, "closed");
            }
        }
        if (connection.announced()) {
            events.disconnected(connection.socketId(), connection.userId(), connection.connectedAt(), code);
        }
    }

    /** Ends the session: closes its socket with the code and forgets it. */
    void endSession(Session session, int code, String reason) {
        session.end();
        for (SocketConnection connection : connections) {
            if (connection.session() == session) {
                connection.close(code, reason);
            }
        }
        if (sessions.remove(session)) {
            index.release(session.userId());
        }
    }

    // ------------------------------------------------------------------ revocation

    public void userBanned(UUID userId, Instant bannedAt) {
        revocations.banned(userId, bannedAt);
        for (Session session : List.copyOf(sessions.ofUser(userId))) {
            endSession(session, CloseCodes.REVOKED, "banned");
        }
    }

    public void userUnbanned(UUID userId) {
        revocations.unbanned(userId);
    }

    public void sessionRevoked(UUID userId, UUID tokenSessionId, Instant revokedAt) {
        revocations.sessionRevoked(tokenSessionId, revokedAt);
        for (Session session : List.copyOf(sessions.ofUser(userId))) {
            if (session.tokenSessionId().equals(tokenSessionId)) {
                endSession(session, CloseCodes.REVOKED, "session revoked");
            }
        }
    }

    // ------------------------------------------------------------------ client ops

    void typing(SocketConnection connection, UUID channelId) {
        UUID userId = connection.userId();
        if (!index.isChannelMember(userId, channelId)) {
            return; // only members type; a non-member learns nothing, not even that the channel exists
        }
        index.channel(channelId).ifPresent(channel -> {
            if (channel.memberCount() <= properties.typing().maxMembers()
                    && typing.tryPass(new TypingKey(userId, channelId), nanoTime())) {
                events.typing(channelId, channel.workspaceId(), userId);
            }
        });
    }

    void activity(SocketConnection connection) {
        if (activity.tryPass(connection.socketId(), nanoTime())) {
            events.activity(connection.socketId(), connection.userId());
        }
    }

    void subscribe(SocketConnection connection, List<UUID> userIds) {
        Session session = connection.session();
        if (session != null) {
            sessions.subscribe(session, new HashSet<>(userIds));
        }
    }

    // ------------------------------------------------------------------ delivery (Kafka listener threads)

    /** Numbers, buffers and queues the event for each session. */
    public void deliver(Collection<Session> recipients, String type, String payloadJson, Instant eventTime) {
        Instant now = now();
        for (Session session : recipients) {
            if (session.deliver(type, payloadJson, eventTime, now) == Session.Delivery.SHED) {
                metrics.shed();
            }
        }
    }

    /** Queues an ephemeral event (typing, presence) for each attached session; shed first under pressure. */
    public void deliverEphemeral(Collection<Session> recipients, String type, String payloadJson, Instant eventTime) {
        Instant now = now();
        for (Session session : recipients) {
            if (session.deliverEphemeral(type, payloadJson, eventTime, now) == Session.Delivery.SHED) {
                metrics.shed();
            }
        }
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * Runs every second: closes sockets past the IDENTIFY deadline (4001) or silent for two heartbeat intervals
     * (4000), forgets sessions detached for longer than the replay window, prunes the
     * coalescers and revocations.
     */
    public void sweep() {
        long nanos = nanoTime();
        Instant now = now();
        long silence = 2 * properties.heartbeatInterval().toNanos();
        for (SocketConnection connection : connections) {
            switch (connection.state()) {
                case AWAITING_IDENTIFY -> {
                    if (nanos - connection.identifyDeadlineNanos() > 0) {
                        connection.close(CloseCodes.NOT_AUTHENTICATED, "IDENTIFY not received in time");
                    }
                }
                case AUTHENTICATING, READY -> {
                    if (nanos - connection.lastHeardNanos() > silence) {
                        connection.close(CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat missed");
                    }
                }
                case CLOSED -> {
                    // transportClosed removes it
                }
            }
        }
        for (Session session : sessions.all()) {
            if (session.expired(now, properties.replay().window())) {
                endSession(session, CloseCodes.SESSION_INVALID, "session expired");
            }
        }
        typing.prune(nanos);
        activity.prune(nanos);
        revocations.forgetOlderThan(now);
    }

    /** The sockets that completed IDENTIFY or RESUME, for the instance heartbeat. */
    public List<LiveSocket> liveSockets() {
        List<LiveSocket> live = new ArrayList<>();
        for (SocketConnection connection : connections) {
            if (connection.state() == SocketConnection.State.READY && connection.announced()) {
                live.add(new LiveSocket(connection.socketId(), connection.userId(), connection.connectedAt()));
            }
        }
        return live;
    }

    /** Graceful shutdown: no new sockets; every socket closes with 4012 (reconnect now). */
    public void shutdown() {
        stopping = true;
        accepting = false;
        for (SocketConnection connection : connections) {
            connection.close(CloseCodes.SERVICE_RESTART, "the instance is stopping");
        }
    }

    public int connectionCount() {
        return connections.size();
    }

    private int liveSocketCount() {
        int live = 0;
        for (SocketConnection connection : connections) {
            if (connection.state() == SocketConnection.State.READY) {
                live++;
            }
        }
        return live;
    }

    private int detachedSessionCount() {
        int detached = 0;
        for (Session session : sessions.all()) {
            if (!session.isAttached()) {
                detached++;
            }
        }
        return detached;
    }

    private ReplayBuffer newReplayBuffer() {
        RealtimeProperties.Replay replay = properties.replay();
        return new ReplayBuffer(replay.maxEvents(), replay.maxBytes());
    }

    // ------------------------------------------------------------------ for the connection

    RealtimeMetrics metrics() {
        return metrics;
    }

    ClientFrameParser parser() {
        return parser;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    Instant now() {
        return clock.instant();
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public RoutingIndex index() {
        return index;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
