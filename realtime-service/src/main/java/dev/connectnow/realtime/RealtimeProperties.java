package dev.connectnow.realtime;

import dev.connectnow.realtime.protocol.ClientFrameParser;
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
 * @param maxPresenceSubscriptions  users one PRESENCE_SUBSCRIBE may name (more: 1008); they must fit in one frame
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
        @DefaultValue("100") int maxPresenceSubscriptions,
        @DefaultValue("10s") Duration instanceHeartbeatInterval,
        @DefaultValue("20m") Duration revocationMemory,
        @DefaultValue("5s") Duration snapshotTimeout,

        @DefaultValue("http://localhost:5173,http://localhost:8080")
        List<String> allowedOrigins) {

    /**
     * @param maxFrames frames waiting per socket
     * @param maxBytes their bytes
     * @param socketSendBuffer the kernel send buffer of each socket ({@code SO_SNDBUF}); 0 leaves the kernel's
     *     auto-tuning, which lets megabytes sit between a slow reader and its queue
     */
    public record Outbound(
            @DefaultValue("1024") int maxFrames,
            @DefaultValue("1048576") long maxBytes,
            @DefaultValue("65536") int socketSendBuffer) {

        /** Netty's default write-buffer high-water mark: what a channel holds before it turns unwritable. */
        static final int CHANNEL_HIGH_WATER_MARK = 64 * 1024;

        /**
         * Bytes that can be written by us but not yet read by the client when its socket is closed: Netty's
         * buffer up to the high-water mark and the kernel's send buffer (Linux doubles {@code SO_SNDBUF}). A
         * closed socket loses them — the client's next frame to it is answered with a reset — so they must be
         * replayable. Unbounded (0) when the kernel auto-tunes.
         */
        long inFlightBytes() {
            return socketSendBuffer > 0 ? CHANNEL_HIGH_WATER_MARK + 2L * socketSendBuffer : 0;
        }
    }

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
        // when a socket's queue overflows, every event still waiting in it or in flight to the client must be
        // in the replay buffer, or the client could not resume without loss
        if (outbound.maxFrames() > replay.maxEvents()
                || outbound.maxBytes() + outbound.inFlightBytes() > replay.maxBytes()) {
            throw new IllegalArgumentException("connectnow.realtime.outbound bounds plus the bytes in flight must not"
                    + " exceed connectnow.realtime.replay bounds (a resume after 4010 must find every unread event)");
        }
        if (ClientFrameParser.presenceSubscribeBytes(maxPresenceSubscriptions) > maxFrameBytes) {
            throw new IllegalArgumentException("connectnow.realtime.max-presence-subscriptions users do not fit in one"
                    + " client frame of connectnow.realtime.max-frame-bytes (" + maxFrameBytes + " bytes)");
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
                new Outbound(256, 256 * 1024, 64 * 1024),
                new Replay(1000, 1 << 20, Duration.ofMinutes(2)),
                new Typing(Duration.ofSeconds(3), 500),
                Duration.ofSeconds(30),
                100,
                Duration.ofSeconds(10),
                Duration.ofMinutes(20),
                Duration.ofSeconds(5),
                List.of("http://localhost:5173", "http://localhost:8080"));
    }
}
