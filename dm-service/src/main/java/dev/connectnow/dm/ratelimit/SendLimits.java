package dev.connectnow.dm.ratelimit;

import dev.connectnow.chassis.ratelimit.TokenBuckets;
import dev.connectnow.chassis.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Stops one user from flooding others (S15): DMs reach anyone on the platform, so sending and starting
 * conversations are limited per user on top of the gateway's per-user request rate. Over the limit: 429 with
 * {@code Retry-After}; other users are unaffected.
 */
@Component
public class SendLimits {

    private final TokenBuckets<UUID> messages;
    private final TokenBuckets<UUID> conversations;

    public SendLimits(RateLimitProperties properties, Clock clock) {
        this.messages = new TokenBuckets<>(properties.messageBurst(), properties.messagesPerSecond(), clock);
        this.conversations =
                new TokenBuckets<>(properties.conversationBurst(), properties.conversationsPerMinute() / 60.0, clock);
    }

    public void acquireMessage(UUID userId) {
        messages.take(userId).ifPresent(wait -> {
            throw limited("You are sending messages too fast", wait);
        });
    }

    public void acquireConversation(UUID userId) {
        conversations.take(userId).ifPresent(wait -> {
            throw limited("You are starting conversations too fast", wait);
        });
    }

    private static ApiException limited(String detail, Duration wait) {
        // Retry-After is whole seconds: round up so a client that obeys it finds a token
        return ApiException.tooManyRequests(detail, Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }
}
