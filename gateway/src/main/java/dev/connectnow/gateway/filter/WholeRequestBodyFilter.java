package dev.connectnow.gateway.filter;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Receives every request body whole before the request is routed, so that the route's time limit and circuit
 * breaker measure the service, not the client's upload, and a retried read can send its body again.
 * <p>
 * The body is kept as a plain byte array that each send wraps afresh — not Spring Cloud Gateway's cached body
 * (a pooled buffer the exchange frees when it ends, handed out as slices of it): when a timed-out exchange
 * ended while its call to the service was still being sent, that call found the body freed — the headers went
 * out, then no body or an {@code IllegalReferenceCountException} (500), and the service's thread waited for
 * bytes that never came (docs/benchmarks.md, realtime-e2e). Runs after {@link RequestSizeLimitFilter}, so an
 * oversized body is refused while it streams and never held.
 */
@Component
public class WholeRequestBodyFilter implements GlobalFilter, Ordered {

    static final int ORDER = RequestSizeLimitFilter.ORDER + 1;

    private static final byte[] EMPTY = new byte[0];

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!hasBody(request.getHeaders())) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody())
                .map(WholeRequestBodyFilter::copyAndRelease)
                .defaultIfEmpty(EMPTY)
                .flatMap(body -> chain.filter(exchange.mutate()
                        .request(new ReceivedBody(request, body))
                        .build()));
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static byte[] copyAndRelease(DataBuffer joined) {
        try {
            byte[] bytes = new byte[joined.readableByteCount()];
            joined.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(joined);
        }
    }

    /** The request with its body received: every subscriber gets the whole body, in a buffer of its own. */
    static final class ReceivedBody extends ServerHttpRequestDecorator {

        private final byte[] body;

        ReceivedBody(ServerHttpRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return body.length == 0
                    ? Flux.empty()
                    : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
        }
    }
}
