package dev.connectnow.dm.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Flood limits per user (S15), per service instance.
 *
 * @param messageBurst            messages a user may send at once
 * @param messagesPerSecond       sustained messages per second
 * @param conversationBurst       new conversations a user may start at once
 * @param conversationsPerMinute  sustained new conversations per minute
 */
@ConfigurationProperties(prefix = "connectnow.dm.rate-limit")
public record RateLimitProperties(
        int messageBurst, double messagesPerSecond, int conversationBurst, double conversationsPerMinute) {

    public RateLimitProperties {
        messageBurst = messageBurst <= 0 ? 20 : messageBurst;
        messagesPerSecond = messagesPerSecond <= 0 ? 2 : messagesPerSecond;
        conversationBurst = conversationBurst <= 0 ? 10 : conversationBurst;
        conversationsPerMinute = conversationsPerMinute <= 0 ? 10 : conversationsPerMinute;
    }
}
