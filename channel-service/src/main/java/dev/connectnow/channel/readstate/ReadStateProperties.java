package dev.connectnow.channel.readstate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param messageIndexRetention      how long messageId -> seq entries are kept for mark-read
 * @param messageIndexPruneInterval  how often old entries are deleted
 * @param messageIndexPruneBatch     rows deleted per statement, so pruning never holds long locks
 */
@ConfigurationProperties(prefix = "connectnow.channel")
public record ReadStateProperties(
        Duration messageIndexRetention, Duration messageIndexPruneInterval, int messageIndexPruneBatch) {

    public ReadStateProperties {
        messageIndexRetention = messageIndexRetention == null ? Duration.ofDays(30) : messageIndexRetention;
        messageIndexPruneInterval = messageIndexPruneInterval == null ? Duration.ofHours(1) : messageIndexPruneInterval;
        messageIndexPruneBatch = messageIndexPruneBatch <= 0 ? 10_000 : messageIndexPruneBatch;
    }
}
