package dev.connectnow.bench;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A load generator's HTTP client that costs the machine little: one event-loop thread, a bounded pool of
 * keep-alive connections (a post waits for a free one rather than opening another), and a post's headers and
 * body leave in one write. The JDK's client, which the bench used before, spent about a sixth of the two cores
 * on 200 posts/s (docs/benchmarks.md, stop 26) — CPU the services under measurement did not get — and opened a
 * new connection for every post that found all of its connections busy, thousands of them against a loaded
 * gateway. A post's latency still counts from its intended send time, so waiting for a connection is measured.
 */
final class KeepAliveClient implements AutoCloseable {

    private final ConnectionProvider connections;
    private final LoopResources loop;
    private final HttpClient client;

    KeepAliveClient(String name, int maxConnections, Duration timeout) {
        connections = ConnectionProvider.builder(name)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(timeout)
                .build();
        loop = LoopResources.create(name, 1, true);
        client = HttpClient.create(connections)
                .runOn(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Duration.ofSeconds(10).toMillis())
                .responseTimeout(timeout);
    }

    /** POSTs a JSON body with a bearer token; answers the status once the whole answer was read. */
    CompletableFuture<Integer> postJson(String url, String token, String json) {
        return client.headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON))
                .post()
                .uri(url)
                .send(ByteBufMono.fromString(Mono.just(json)))
                .responseSingle((response, body) ->
                        body.asString().thenReturn(response.status().code()))
                .toFuture();
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(10));
        loop.disposeLater().block(Duration.ofSeconds(10));
    }
}
