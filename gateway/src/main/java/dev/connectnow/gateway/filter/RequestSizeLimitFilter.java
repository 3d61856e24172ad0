package dev.connectnow.gateway.filter;

import dev.connectnow.gateway.config.EdgeProperties;
import dev.connectnow.gateway.problem.Problems;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Request body size limit: {@code connectnow.gateway.max-request-size} by default, or the
 * route's {@code max-request-size} metadata (e.g. larger for attachments). Answers 413 with
 * a problem detail.
 * <p>
 * A declared {@code Content-Length} over the limit is refused before any byte is read. A
 * body without length (chunked) is counted while it streams and refused as soon as it
 * passes the limit. Runs before {@link WholeRequestBodyFilter} receives request bodies whole (every
 * route does, before the timed call to the service), so an oversized body is never buffered.
 */
@Component
public class RequestSizeLimitFilter implements GlobalFilter, Ordered {

    /** Route metadata key holding the route's limit, e.g. {@code 25MB}. */
    public static final String METADATA_KEY = "max-request-size";

    /** Before {@link WholeRequestBodyFilter}. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final DataSize defaultLimit;

    public RequestSizeLimitFilter(EdgeProperties properties) {
        this.defaultLimit = properties.maxRequestSize();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        DataSize limit = limitFor(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
        long max = limit.toBytes();
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return tooLarge(exchange, limit);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counting = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLargeException());
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counting).build())
                .onErrorResume(PayloadTooLargeException::isCause, ex -> tooLarge(exchange, limit));
    }

    private DataSize limitFor(Route route) {
        if (route != null) {
            Object value = route.getMetadata().get(METADATA_KEY);
            if (value instanceof Number number) {
                return DataSize.ofBytes(number.longValue());
            }
            if (value != null) {
                return DataSize.parse(value.toString().trim());
            }
        }
        return defaultLimit;
    }

    private static Mono<Void> tooLarge(ServerWebExchange exchange, DataSize limit) {
        return Problems.write(
                exchange, HttpStatus.CONTENT_TOO_LARGE, "The request body exceeds the limit of " + human(limit) + ".");
    }

    static String human(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes % 1024 == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }

    /** Signals a streamed body that went past the limit. */
    static final class PayloadTooLargeException extends RuntimeException {

        PayloadTooLargeException() {
            super("request body too large", null, false, false);
        }

        static boolean isCause(Throwable ex) {
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof PayloadTooLargeException) {
                    return true;
                }
            }
            return false;
        }
    }
}
