package dev.connectnow.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.gateway.server.ExchangeEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

class UpgradeOnTheConnectionsEventLoopTest {

    @Test
    void theUpgradeRunsOnTheClientConnectionsLoopWhicheverThreadReachedIt() {
        List<String> upgrades = new CopyOnWriteArrayList<>();
        WebSocketService recording = (exchange, handler) -> {
            EventLoop loop = ExchangeEventLoop.of(exchange);
            upgrades.add(exchange.getRequest().getPath().value() + (loop.inEventLoop() ? " on" : " off")
                    + " the connection's loop");
            exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            return Mono.empty();
        };
        WebSocketService decorated = new UpgradeOnTheConnectionsEventLoop(recording);
        // the step before the upgrade ends on Reactor's timer thread, as the readiness probe ends on its own loop
        HttpHandler app = WebHttpHandlerBuilder.webHandler(exchange -> Mono.delay(Duration.ofMillis(1))
                        .then(Mono.defer(
                                () -> (exchange.getRequest().getPath().value().equals("/decorated")
                                                ? decorated
                                                : recording)
                                        .handleRequest(exchange, session -> Mono.empty()))))
                .build();
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(new ReactorHttpHandlerAdapter(app))
                .bindNow();
        try {
            for (String path : List.of("/bare", "/decorated")) {
                int status = HttpClient.create()
                        .get()
                        .uri("http://127.0.0.1:" + server.port() + path)
                        .response()
                        .map(response -> response.status().code())
                        .block(Duration.ofSeconds(10));
                assertThat(status).isEqualTo(204);
            }
        } finally {
            server.disposeNow();
        }
        assertThat(upgrades).containsExactly("/bare off the connection's loop", "/decorated on the connection's loop");
    }
}
