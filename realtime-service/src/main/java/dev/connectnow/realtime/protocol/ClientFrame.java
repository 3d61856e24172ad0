package dev.connectnow.realtime.protocol;

import java.util.List;
import java.util.UUID;

/** A frame the client sent, parsed and checked by {@link ClientFrameParser}. */
public sealed interface ClientFrame {

    record Identify(String token) implements ClientFrame {}

    /** {@code lastSeq} is the highest {@code s} the client has; null when it has none yet. */
    record Heartbeat(Long lastSeq) implements ClientFrame {}

    record Resume(String token, UUID sessionId, long lastSeq) implements ClientFrame {}

    record Typing(UUID channelId) implements ClientFrame {}

    record Activity() implements ClientFrame {}

    record PresenceSubscribe(List<UUID> userIds) implements ClientFrame {}
}
