package dev.connectnow.message.attachment;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Multipart limits follow the attachment limit (the chassis' 256 KB body limit does not apply to multipart):
 * a file over {@code connectnow.attachments.max-file-size} is a 413; the whole request may be 1 MB larger for
 * the multipart envelope. Parts over 512 KB go to a temporary file instead of the heap.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    @Bean
    MultipartConfigElement multipartConfigElement(AttachmentProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.maxFileSize());
        factory.setMaxRequestSize(DataSize.ofBytes(
                properties.maxFileSize().toBytes() + DataSize.ofMegabytes(1).toBytes()));
        factory.setFileSizeThreshold(DataSize.ofKilobytes(512));
        return factory.createMultipartConfig();
    }
}
