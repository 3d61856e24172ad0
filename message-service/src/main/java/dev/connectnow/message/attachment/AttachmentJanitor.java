package dev.connectnow.message.attachment;

import dev.connectnow.message.attachment.storage.BlobStorage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what nobody may download any more: files no message confirmed within the TTL (never attached, or
 * claimed by dm-service for a direct message whose {@code dm.message.created} never came — its transaction
 * failed after the claim) are marked deleted, and the bytes of every deleted attachment (expired, of a deleted
 * message or direct message) are removed from storage before their row. A storage failure leaves the row for
 * the next run.
 */
@Component
public class AttachmentJanitor {

    private static final Logger log = LoggerFactory.getLogger(AttachmentJanitor.class);

    private final AttachmentStore store;
    private final BlobStorage storage;
    private final AttachmentProperties properties;
    private final Clock clock;

    public AttachmentJanitor(AttachmentStore store, BlobStorage storage, AttachmentProperties properties, Clock clock) {
        this.store = store;
        this.storage = storage;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${connectnow.attachments.janitor-interval:10m}",
            fixedDelayString = "${connectnow.attachments.janitor-interval:10m}")
    public void run() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Attachment janitor failed: {}", e.getClass().getSimpleName());
        }
    }

    /** One full pass; returns how many files were removed. */
    public int sweep() {
        Instant now = Instant.now(clock);
        Instant cutoff = now.minus(properties.unattachedTtl());
        while (store.expireUnconfirmed(cutoff, now, properties.janitorBatch()) == properties.janitorBatch()) {
            // more expired uploads than one batch: keep going
        }
        int removed = 0;
        List<AttachmentRecord> batch;
        do {
            batch = store.deletedBatch(properties.janitorBatch());
            int removedNow = 0;
            for (AttachmentRecord attachment : batch) {
                if (removeBytes(attachment)) {
                    store.remove(attachment.id());
                    removedNow++;
                }
            }
            removed += removedNow;
            if (removedNow < batch.size()) {
                break; // storage is failing: retry on the next run
            }
        } while (batch.size() == properties.janitorBatch());
        return removed;
    }

    private boolean removeBytes(AttachmentRecord attachment) {
        try {
            storage.delete(attachment.storageKey());
            if (attachment.thumbnailKey() != null) {
                storage.delete(attachment.thumbnailKey());
            }
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Could not remove stored bytes of a deleted attachment: {}",
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
