package dev.connectnow.events.typing;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * Ephemeral typing indicators (realtime-service), keyed by channel id on {@value Topics#TYPING}, a topic with
 * short retention. They are never stored anywhere else; realtime instances pass them between each other.
 */
public final class TypingEvents {

    public static final EventType<TypingStarted> STARTED =
            EventType.define("typing.started", Topics.TYPING, TypingStarted.class);

    public record TypingStarted(UUID channelId, UUID workspaceId, UUID userId, Instant startedAt) {}

    private TypingEvents() {}
}
