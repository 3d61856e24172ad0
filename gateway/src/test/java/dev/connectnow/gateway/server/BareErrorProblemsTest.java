package dev.connectnow.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BareErrorProblemsTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new BareErrorProblems.ProblemBody());

    private FullHttpResponse answer(HttpMethod method, FullHttpResponse response) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/api/x"));
        channel.readInbound();
        channel.writeOutbound(response);
        return channel.readOutbound();
    }

    private static FullHttpResponse bare(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
        return response;
    }

    @Test
    void aBareErrorGetsAProblemBody() {
        FullHttpResponse answered = answer(HttpMethod.GET, bare(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE));
        String body = answered.content().toString(StandardCharsets.UTF_8);
        JsonNode problem = JsonMapper.builder().build().readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(431);
        assertThat(problem.path("title").asString()).isEqualTo("Request Header Fields Too Large");
        assertThat(problem.path("detail").asString()).contains("headers");
        assertThat(problem.has("instance")).as("no path was read").isFalse();
        assertThat(answered.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(answered.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                .isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(answered.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        answered.release();
    }

    @Test
    void headAnswersSuccessesAndAnswersWithABodyPassUntouched() {
        FullHttpResponse head = answer(HttpMethod.HEAD, bare(HttpResponseStatus.BAD_REQUEST));
        assertThat(head.content().isReadable()).isFalse();
        assertThat(head.headers().contains(HttpHeaderNames.CONTENT_TYPE)).isFalse();

        FullHttpResponse noContent = answer(HttpMethod.GET, bare(HttpResponseStatus.NO_CONTENT));
        assertThat(noContent.content().isReadable()).isFalse();

        FullHttpResponse typed = bare(HttpResponseStatus.NOT_FOUND);
        typed.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        assertThat(answer(HttpMethod.GET, typed).content().isReadable())
                .as("the service chose its own answer")
                .isFalse();

        FullHttpResponse withBody = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.CONFLICT,
                Unpooled.copiedBuffer("{\"status\":409}", StandardCharsets.UTF_8));
        assertThat(answer(HttpMethod.POST, withBody).content().toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":409}");
    }
}
