package dev.connectnow.gateway.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import reactor.core.publisher.Mono;

/**
 * The client the gateway opens its sockets to realtime instances with: Spring Cloud Gateway's, plus a deadline on
 * the opening. The proxy's HTTP client has no response timeout (the routes' time limiter bounds HTTP calls), so an
 * instance that took the connection but never answered the upgrade kept the attempt — and the client's socket,
 * upgraded already — waiting forever. Any failure before the instance's socket is open, the deadline's included,
 * becomes {@link UpstreamNotOpened}; what happens once it is open is the proxy's, unchanged.
 */
final class OpeningDeadlineClient implements WebSocketClient {

    private final WebSocketClient delegate;
    private final Duration deadline;

    OpeningDeadlineClient(WebSocketClient delegate, Duration deadline) {
        this.delegate = delegate;
        this.deadline = deadline;
    }

    @Override
    public Mono<Void> execute(URI url, WebSocketHandler handler) {
        return execute(url, new HttpHeaders(), handler);
    }

    @Override
    public Mono<Void> execute(URI url, HttpHeaders headers, WebSocketHandler handler) {
        AtomicBoolean opened = new AtomicBoolean();
        WebSocketHandler noticingTheOpening = new WebSocketHandler() {
            @Override
            public Mono<Void> handle(WebSocketSession session) {
                opened.set(true);
                return handler.handle(session);
            }

            @Override
            public List<String> getSubProtocols() {
                return handler.getSubProtocols();
            }
        };
        Mono<Long> deadlinePassedUnopened =
                Mono.delay(deadline).filter(tick -> !opened.get()).switchIfEmpty(Mono.never());
        return delegate.execute(url, headers, noticingTheOpening)
                .timeout(deadlinePassedUnopened)
                .onErrorMap(failure -> !opened.get(), failure -> new UpstreamNotOpened(url, reason(failure), failure));
    }

    private String reason(Throwable failure) {
        return failure instanceof TimeoutException ? "no answer to the upgrade within " + deadline : failure.toString();
    }
}
