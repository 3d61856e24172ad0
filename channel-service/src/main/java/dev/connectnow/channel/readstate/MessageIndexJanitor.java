package dev.connectnow.channel.readstate;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps channel_message_index small: entries older than the retention are deleted in batches. Clients mark
 * read at recent messages; a message older than the retention answers 404 to mark-read (see docs).
 */
@Component
public class MessageIndexJanitor {

    private static final Logger log = LoggerFactory.getLogger(MessageIndexJanitor.class);

    private final ReadStateStore store;
    private final ReadStateProperties properties;
    private final Clock clock;

    MessageIndexJanitor(ReadStateStore store, ReadStateProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${connectnow.channel.message-index-prune-interval:1h}",
            fixedDelayString = "${connectnow.channel.message-index-prune-interval:1h}")
    public void prune() {
        try {
            pruneOlderThan(clock.instant().minus(properties.messageIndexRetention()));
        } catch (RuntimeException e) {
            log.warn("Could not prune the message index: {}", e.getClass().getSimpleName());
        }
    }

    /** Deletes every entry older than the cutoff, batch by batch; returns how many. */
    int pruneOlderThan(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = store.pruneIndex(cutoff, properties.messageIndexPruneBatch());
            total += deleted;
        } while (deleted == properties.messageIndexPruneBatch());
        return total;
    }
}
