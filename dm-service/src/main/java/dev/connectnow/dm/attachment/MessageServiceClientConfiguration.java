package dev.connectnow.dm.attachment;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.net.http.HttpClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The route to message-service: a load-balanced HTTP client (Eureka) behind a Resilience4j circuit breaker
 * with a time limiter. Only failures of message-service count against the breaker — 5xx, time-outs,
 * unreachable instances — never its 4xx answers about the caller's request (see {@link AttachmentClaims}).
 */
@Configuration
class MessageServiceClientConfiguration {

    static final String BREAKER = "message-service";

    /**
     * Not an autowiring candidate: the Eureka client builds its own transport from any {@code RestClient.Builder}
     * bean it can find, and through this one its calls to the registry would be load-balanced (and fail).
     * {@link #attachmentClaims} takes it by calling this method, which returns the post-processed singleton.
     */
    @Bean(autowireCandidate = false)
    @LoadBalanced
    RestClient.Builder messageServiceRestClientBuilder(MessageServiceProperties properties) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.timeout());
        return RestClient.builder().baseUrl(properties.baseUrl().toString()).requestFactory(requests);
    }

    @Bean
    CircuitBreaker messageServiceCircuitBreaker(
            Resilience4JCircuitBreakerFactory factory, MessageServiceProperties properties) {
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build();
        TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom()
                .timeoutDuration(properties.timeout())
                .cancelRunningFuture(true)
                .build();
        factory.configure(builder -> builder.circuitBreakerConfig(breaker).timeLimiterConfig(timeLimiter), BREAKER);
        // registered now, with this configuration, so its state and metrics exist before the first call
        factory.getCircuitBreakerRegistry().circuitBreaker(BREAKER, breaker);
        return factory.create(BREAKER);
    }

    @Bean
    AttachmentClaims attachmentClaims(
            @Qualifier("messageServiceCircuitBreaker") CircuitBreaker breaker, MessageServiceProperties properties) {
        return new AttachmentClaims(messageServiceRestClientBuilder(properties).build(), breaker, properties.openFor());
    }
}
