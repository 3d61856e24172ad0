package dev.connectnow.gateway.realtime;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Whether a realtime instance can take a socket right now: its readiness endpoint answers 200. A process
 * killed without deregistering (still listed in Eureka) refuses the connection at once; a stopping instance
 * or one whose Kafka consumers are not assigned yet answers 503. The readiness endpoint is on the
 * instance's management port when it has one (Eureka metadata {@code management.port}), else on its port.
 *
 * <p>Each answer is remembered for {@code memory}, so the thousands of resumes that follow the loss of an
 * instance cost one probe, not one each — except a remembered "ready" of a resume's owner, which is confirmed
 * by a fresh probe. Anything but a 200 within {@code timeout} counts as not ready.
 */
final class InstanceReadiness {

    static final String READINESS_PATH = "/actuator/health/readiness";
    private static final int MAX_REMEMBERED = 256;

    private final WebClient http;
    private final Duration timeout;
    private final long memoryNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private static final class Answer {
        private final long expiresAt;
        private volatile Boolean known;
        private Mono<Boolean> ready;

        private Answer(long expiresAt) {
            this.expiresAt = expiresAt;
        }

        private boolean reusable(long now, boolean confirmReady) {
            return expiresAt - now > 0 && !(confirmReady && Boolean.TRUE.equals(known));
        }
    }

    InstanceReadiness(Duration timeout, Duration memory, LongSupplier nanoTime) {
        this.timeout = timeout;
        this.memoryNanos = memory.toNanos();
        this.nanoTime = nanoTime;
        // a plain client: the probe addresses one instance, never the load balancer
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(
                        HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())))
                .build();
    }

    Mono<Boolean> isReady(ServiceInstance instance) {
        return isReady(instance, false);
    }

    /**
     * @param confirmReady probe again even if "ready" is remembered (a remembered "not ready" stands): for the
     *     owner of a resume, which may have been killed since — a resume sent to a dead owner fails instead of
     *     getting its prompt INVALID_SESSION, and the resumes right after a crash are the ones that matter
     */
    Mono<Boolean> isReady(ServiceInstance instance, boolean confirmReady) {
        long now = nanoTime.getAsLong();
        if (answers.size() > MAX_REMEMBERED) {
            answers.values().removeIf(answer -> answer.expiresAt - now < 0);
        }
        return answers.compute(
                        key(instance),
                        (key, previous) -> previous != null && previous.reusable(now, confirmReady)
                                ? previous
                                : probed(instance, now))
                .ready;
    }

    private Answer probed(ServiceInstance instance, long now) {
        Answer answer = new Answer(now + memoryNanos);
        answer.ready = probe(instance).doOnNext(ready -> answer.known = ready).cache();
        return answer;
    }

    private Mono<Boolean> probe(ServiceInstance instance) {
        return http.get()
                .uri(readinessUri(instance))
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(timeout)
                .onErrorReturn(false);
    }

    static URI readinessUri(ServiceInstance instance) {
        String managementPort = instance.getMetadata().get("management.port");
        int port = managementPort != null ? Integer.parseInt(managementPort) : instance.getPort();
        return URI.create(
                (instance.isSecure() ? "https" : "http") + "://" + instance.getHost() + ":" + port + READINESS_PATH);
    }

    private static String key(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort() + "/"
                + instance.getMetadata().get("hint");
    }
}
