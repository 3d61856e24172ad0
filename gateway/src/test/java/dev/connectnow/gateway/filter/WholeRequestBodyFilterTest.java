package dev.connectnow.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class WholeRequestBodyFilterTest {

    private final WholeRequestBodyFilter filter = new WholeRequestBodyFilter();

    @Test
    void theRoutedRequestSendsItsWholeBodyWheneverItIsSentEvenAfterTheExchangeEnded() {
        // a client's body arrives once, in parts, like a chunked upload
        Sinks.Many<DataBuffer> upload = Sinks.many().unicast().onBackpressureBuffer();
        upload.tryEmitNext(buffer("{\"content\":"));
        upload.tryEmitNext(buffer("\"in two parts\"}"));
        upload.tryEmitComplete();
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/channels/c/messages")
                .header("Transfer-Encoding", "chunked")
                .body(upload.asFlux());
        ServerHttpRequest routed = route(request);

        // a call sent after its exchange was answered (a time-out) and one sent again (a retry)
        assertThat(bodyOf(routed)).isEqualTo("{\"content\":\"in two parts\"}");
        assertThat(bodyOf(routed)).isEqualTo("{\"content\":\"in two parts\"}");
    }

    @Test
    void eachSendGetsABufferOfItsOwnSoReleasingOneLeavesTheOthersIntact() {
        ServerHttpRequest routed =
                route(MockServerHttpRequest.post("/api/x").contentLength(5).body("hello"));
        DataBuffer first = routed.getBody().blockFirst(Duration.ofSeconds(5));
        first.read(new byte[first.readableByteCount()]); // what Netty does with a send's body: write it, release it
        DataBufferUtils.release(first);
        assertThat(bodyOf(routed)).isEqualTo("hello");
    }

    @Test
    void aRequestWithoutBodyIsRoutedAsItCame() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/ws").build();
        assertThat(route(request)).isSameAs(request);
    }

    /** Runs the filter; answers the request it hands on, once the exchange has ended. */
    private ServerHttpRequest route(MockServerHttpRequest request) {
        AtomicReference<ServerHttpRequest> routed = new AtomicReference<>();
        filter.filter(MockServerWebExchange.from(request), exchange -> {
                    routed.set(exchange.getRequest());
                    return Mono.empty();
                })
                .block(Duration.ofSeconds(5));
        return routed.get();
    }

    private static String bodyOf(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody())
                .map(joined -> {
                    String text = joined.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(joined);
                    return text;
                })
                .block(Duration.ofSeconds(5));
    }

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
