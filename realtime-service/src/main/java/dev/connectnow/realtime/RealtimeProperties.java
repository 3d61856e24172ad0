package dev.connectnow.realtime;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits and windows of the realtime tier ({@code connectnow.realtime.*}); docs/realtime.md explains each.
 *
 * @param heartbeatInterval         announced in HELLO; a socket silent for two intervals is closed (4000)
 * @param identifyTimeout           IDENTIFY or RESUME must arrive within this (else 4001)
 * @param maxFrameBytes             larger client frames close the socket (1009)
 * @param inboundFrames             client frames allowed per {@code inboundPeriod} (else 4008)
 * @param inboundPeriod             see above
 * @param outbound                  the per-socket queue bounds
 * @param replay                    the per-session replay buffer bounds; {@code window} is also how long a
 *                                  detached session can be resumed
 * @param typing                    typing coalescing and the fan-out limit
 * @param activityCoalesce          at most one {@code socket.activity} per socket per this
 * @param maxPresenceSubscriptions  users one PRESENCE_SUBSCRIBE may name (more: 1008)
 * @param instanceHeartbeatInterval how often {@code realtime.instance.heartbeat} lists the live sockets
 * @param revocationMemory          how long a ban or revoked session is remembered (access-token lifetime + skew)
 * @param snapshotTimeout           the whole membership snapshot of one user must load within this (else 4013)
 * @param allowedOrigins            browser origins that may open a socket; no Origin header (a non-browser
 *                                  client) is always allowed
 */
@ConfigurationProperties("connectnow.realtime")
public record RealtimeProperties(
        @DefaultValue("30s") Duration heartbeatInterval,
        @DefaultValue("10s") Duration identifyTimeout,
        @DefaultValue("4096") int maxFrameBytes,
        @DefaultValue("120") int inboundFrames,
        @DefaultValue("60s") Duration inboundPeriod,
        @DefaultValue Outbound outbound,
        @DefaultValue Replay replay,
        @DefaultValue Typing typing,
        @DefaultValue("30s") Duration activityCoalesce,
        @DefaultValue("200") int maxPresenceSubscriptions,
        @DefaultValue("10s") Duration instanceHeartbeatInterval,
        @DefaultValue("20m") Duration revocationMemory,
        @DefaultValue("5s") Duration snapshotTimeout,

        @DefaultValue("http://localhost:5173,http://localhost:8080")
        List<String> allowedOrigins) {

    /** @param maxFrames frames waiting per socket; @param maxBytes their bytes */
    public record Outbound(
            @DefaultValue("1024") int maxFrames,
            @DefaultValue("1048576") long maxBytes) {}

    public record Replay(
            @DefaultValue("1000") int maxEvents,
            @DefaultValue("1048576") long maxBytes,
            @DefaultValue("2m") Duration window) {}

    /** @param maxMembers channels with more members get no typing indicators */
    public record Typing(
            @DefaultValue("3s") Duration coalesce,
            @DefaultValue("500") int maxMembers) {}

    public RealtimeProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
        // when a socket's queue overflows, every event still waiting in it must be in the replay buffer,
        // or the client could not resume without loss
        if (outbound.maxFrames() > replay.maxEvents() || outbound.maxBytes() > replay.maxBytes()) {
            throw new IllegalArgumentException("connectnow.realtime.outbound bounds must not exceed "
                    + "connectnow.realtime.replay bounds (a resume after 4010 must find every unsent event)");
        }
    }

    /** The defaults above, for code that runs without Spring (tests, benchmarks). */
    public static RealtimeProperties defaults() {
        return new RealtimeProperties(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                4096,
                120,
                Duration.ofSeconds(60),
                new Outbound(256, 256 * 1024),
                new Replay(1000, 1 << 20, Duration.ofMinutes(2)),
                new Typing(Duration.ofSeconds(3), 500),
                Duration.ofSeconds(30),
                200,
                Duration.ofSeconds(10),
                Duration.ofMinutes(20),
                Duration.ofSeconds(5),
                List.of("http://localhost:5173", "http://localhost:8080"));
    }
}
