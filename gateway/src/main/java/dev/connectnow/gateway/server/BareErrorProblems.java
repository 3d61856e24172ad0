package dev.connectnow.gateway.server;

import dev.connectnow.gateway.problem.Problems;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;

/**
 * Gives a problem body to the error answers the web server writes on its own, before any filter of the gateway
 * runs: a request line over the decoder's limit (414), headers over it (431), a request that is not HTTP or
 * whose header holds a control character (400, Reactor Netty), a target that is not a URI (400, WebFlux). Each
 * left with an empty body and no {@code Content-Type}; a client then reads the same RFC 9457 problem as for any
 * other refusal. Answers to {@code HEAD} keep their empty body, as HTTP requires.
 *
 * <p>A Netty handler next to the HTTP codec, one per connection (it remembers whether the request it answers is
 * a {@code HEAD}); everything else passes through untouched.
 */
@Configuration(proxyBeanMethods = false)
public class BareErrorProblems {

    static final String HANDLER_NAME = "connectnow.bareErrorProblems";

    @Bean
    NettyServerCustomizer problemBodiesForBareErrors() {
        return customizer();
    }

    static NettyServerCustomizer customizer() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new ProblemBody());
            }
        });
    }

    /** What the problem says, by status: the client learns what to fix without the server's words. */
    static String detail(HttpStatusCode status) {
        return switch (status.value()) {
            case 414 -> "The request line is too long.";
            case 431 -> "The request's headers are too large.";
            case 400 -> "The request is not valid HTTP: its URL or a header is malformed.";
            default -> Problems.title(status) + ".";
        };
    }

    static final class ProblemBody extends ChannelDuplexHandler {

        private boolean answeringHead;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                answeringHead = HttpMethod.HEAD.equals(request.method());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof FullHttpResponse response && isBare(response)) {
                HttpStatusCode status = HttpStatusCode.valueOf(response.status().code());
                byte[] problem = Problems.body(status, detail(status), null);
                FullHttpResponse withProblem = response.replace(Unpooled.wrappedBuffer(problem));
                response.release();
                withProblem
                        .headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, problem.length)
                        .remove(HttpHeaderNames.TRANSFER_ENCODING);
                ctx.write(withProblem, promise);
                return;
            }
            ctx.write(msg, promise);
        }

        private boolean isBare(FullHttpResponse response) {
            return !answeringHead
                    && response.status().code() >= HttpStatus.BAD_REQUEST.value()
                    && !response.content().isReadable()
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
        }
    }
}
