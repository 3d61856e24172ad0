package dev.connectnow.message.attachment.storage;

import java.io.IOException;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Creates the storage backend named by {@code connectnow.storage.type}. */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "connectnow.storage", name = "type", havingValue = "local", matchIfMissing = true)
    BlobStorage localBlobStorage(StorageProperties properties) throws IOException {
        return new LocalBlobStorage(properties.local().directory());
    }

    @Bean
    @ConditionalOnProperty(prefix = "connectnow.storage", name = "type", havingValue = "s3")
    BlobStorage s3BlobStorage(S3Client s3, StorageProperties properties) {
        return new S3BlobStorage(s3, properties.s3().bucket());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "connectnow.storage", name = "type", havingValue = "s3")
    S3Client s3Client(StorageProperties properties) {
        StorageProperties.S3 s3 = properties.s3();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(
                        s3.hasStaticCredentials()
                                ? StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
                                : DefaultCredentialsProvider.builder().build());
        if (s3.endpoint() != null && !s3.endpoint().isBlank()) {
            // S3-compatible services (MinIO, Ceph, S3Proxy, ...) often lack the newer default checksums
            // (aws-chunked uploads with trailing CRCs): send and check them only where the API requires them
            builder.endpointOverride(URI.create(s3.endpoint()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
