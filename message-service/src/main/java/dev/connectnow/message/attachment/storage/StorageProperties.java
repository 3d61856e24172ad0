package dev.connectnow.message.attachment.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code connectnow.storage.*}: which backend holds attachment bytes, and its settings.
 *
 * @param type  {@code local} or {@code s3}
 * @param local the directory of the local backend
 * @param s3    bucket, region, endpoint (empty for AWS itself), path-style addressing and static credentials
 *              (empty: the AWS default credentials chain)
 */
@ConfigurationProperties(prefix = "connectnow.storage")
public record StorageProperties(String type, Local local, S3 s3) {

    public StorageProperties {
        type = type == null || type.isBlank() ? "local" : type;
        local = local == null ? new Local(null) : local;
        s3 = s3 == null ? new S3(null, null, null, false, null, null) : s3;
    }

    public record Local(Path directory) {
        public Local {
            directory = directory == null ? Path.of("data", "attachments") : directory;
        }
    }

    public record S3(
            String bucket, String region, String endpoint, boolean pathStyle, String accessKey, String secretKey) {
        public S3 {
            bucket = bucket == null || bucket.isBlank() ? "connectnow-attachments" : bucket;
            region = region == null || region.isBlank() ? "us-east-1" : region;
        }

        public boolean hasStaticCredentials() {
            return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
        }
    }
}
