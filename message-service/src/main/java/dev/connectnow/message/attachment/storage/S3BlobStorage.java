package dev.connectnow.message.attachment.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Attachment bytes as objects of one bucket of an S3-compatible service (AWS S3, MinIO, Ceph, R2, ...). The
 * bucket is private: clients never get its URLs, downloads go through message-service's authorization.
 * Failures of the service surface as {@link IOException}s (a 503 to the client, never a 500 with details).
 */
public class S3BlobStorage implements BlobStorage {

    private final S3Client s3;
    private final String bucket;

    public S3BlobStorage(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("S3 put failed: " + e.getClass().getSimpleName() + " " + statusOf(e), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (SdkException e) {
            throw new IOException("S3 get failed: " + e.getClass().getSimpleName() + " " + statusOf(e), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("S3 delete failed: " + e.getClass().getSimpleName() + " " + statusOf(e), e);
        }
    }

    private static String statusOf(SdkException e) {
        return e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                ? String.valueOf(service.statusCode())
                : "(no response)";
    }

    @Override
    public String toString() {
        return "S3 bucket " + bucket;
    }
}
