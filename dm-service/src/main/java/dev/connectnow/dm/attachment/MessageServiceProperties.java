package dev.connectnow.dm.attachment;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How dm-service calls message-service to claim DM attachments.
 *
 * @param baseUrl               {@code http://message-service}: the host is the Eureka service id
 * @param timeout               the whole call (time limiter); the HTTP client's connect and read time-outs too
 * @param failureRateThreshold  percentage of failed calls in the window that opens the breaker
 * @param slidingWindowSize     calls the failure rate is computed over
 * @param minimumCalls          calls needed before the rate counts
 * @param openFor               how long the breaker stays open before letting trial calls through
 */
@ConfigurationProperties(prefix = "connectnow.dm.message-service")
public record MessageServiceProperties(
        URI baseUrl,
        Duration timeout,
        float failureRateThreshold,
        int slidingWindowSize,
        int minimumCalls,
        Duration openFor) {

    public MessageServiceProperties {
        baseUrl = baseUrl == null ? URI.create("http://message-service") : baseUrl;
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        failureRateThreshold = failureRateThreshold <= 0 ? 50 : failureRateThreshold;
        slidingWindowSize = slidingWindowSize <= 0 ? 10 : slidingWindowSize;
        minimumCalls = minimumCalls <= 0 ? 5 : minimumCalls;
        openFor = openFor == null ? Duration.ofSeconds(10) : openFor;
    }
}
