package dev.connectnow.message.attachment;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code connectnow.attachments.*}.
 *
 * @param maxFileSize     largest accepted upload (413 above it)
 * @param maxImagePixels  images with more pixels are refused from their header, before any decoding
 * @param thumbnailSize   longest side of a thumbnail, in pixels
 * @param unattachedTtl   uploads attached to nothing are deleted after this long
 * @param janitorInterval how often expired uploads and the bytes of deleted attachments are removed
 * @param janitorBatch    rows handled per janitor statement
 * @param allowedTypes    MIME types accepted, as detected from the bytes (415 for others)
 */
@ConfigurationProperties(prefix = "connectnow.attachments")
public record AttachmentProperties(
        DataSize maxFileSize,
        long maxImagePixels,
        int thumbnailSize,
        Duration unattachedTtl,
        Duration janitorInterval,
        int janitorBatch,
        List<String> allowedTypes) {

    public AttachmentProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(25) : maxFileSize;
        maxImagePixels = maxImagePixels <= 0 ? 50_000_000 : maxImagePixels;
        thumbnailSize = thumbnailSize <= 0 ? 360 : thumbnailSize;
        unattachedTtl = unattachedTtl == null ? Duration.ofHours(24) : unattachedTtl;
        janitorInterval = janitorInterval == null ? Duration.ofMinutes(10) : janitorInterval;
        janitorBatch = janitorBatch <= 0 ? 500 : janitorBatch;
        allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
                ? List.of("image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain")
                : List.copyOf(allowedTypes);
    }
}
