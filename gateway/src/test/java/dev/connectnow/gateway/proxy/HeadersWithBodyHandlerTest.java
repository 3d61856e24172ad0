package dev.connectnow.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler between Reactor Netty and the HTTP encoder, the way the proxy client uses it: what reaches the
 * socket at each flush (an {@link EmbeddedChannel} hands its transport only what a flush sends).
 */
class HeadersWithBodyHandlerTest {

    private static final String BODY = "{\"content\":\"hello\"}";

    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new HttpRequestEncoder(), new HeadersWithBodyHandler());
    }

    @Test
    void headersThatAnnounceABodyAreReportedWrittenAndLeaveInTheBodysFlush() {
        ChannelFuture headersWritten = channel.writeAndFlush(post(BODY.length()));

        assertThat(headersWritten.isSuccess())
                .as("the body's write waits for this report")
                .isTrue();
        assertThat(sentSoFar()).as("nothing reaches the socket before the body").isEmpty();

        ChannelFuture bodyWritten = channel.writeAndFlush(bytes(BODY));
        assertThat(bodyWritten.isSuccess()).isTrue();
        List<String> firstFlush = sentSoFar();
        assertThat(String.join("", firstFlush))
                .startsWith("POST /api/channels/c1/messages HTTP/1.1\r\n")
                .endsWith("\r\n\r\n" + BODY);

        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(String.join("", sentSoFar())).isEmpty();
    }

    @Test
    void chunkedHeadersLeaveWithTheFirstChunk() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/api/messages/m1");
        request.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);

        channel.writeAndFlush(request);
        assertThat(sentSoFar()).isEmpty();

        channel.writeAndFlush(new DefaultHttpContent(bytes(BODY)));
        assertThat(String.join("", sentSoFar()))
                .startsWith("PUT /api/messages/m1 HTTP/1.1\r\n")
                .endsWith("\r\n\r\n" + Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n");

        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(String.join("", sentSoFar())).isEqualTo("0\r\n\r\n");
    }

    @Test
    void requestsWithoutABodyToFollowLeaveAtOnce() {
        channel.writeAndFlush(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/users/me"));
        assertThat(String.join("", sentSoFar())).startsWith("GET /api/users/me HTTP/1.1\r\n");

        HttpRequest emptyPost = post(0);
        channel.writeAndFlush(emptyPost);
        assertThat(String.join("", sentSoFar())).startsWith("POST /api/channels/c1/messages HTTP/1.1\r\n");
    }

    @Test
    void aConnectionClosedWhileHeadersAreHeldSendsNothing() {
        channel.writeAndFlush(post(BODY.length()));
        channel.close();

        assertThat(sentSoFar()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void consecutiveRequestsOnOneConnectionEachTakeTheirOwnHeaders() {
        for (int i = 0; i < 3; i++) {
            channel.writeAndFlush(post(BODY.length()));
            channel.writeAndFlush(bytes(BODY));
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            String sent = String.join("", sentSoFar());
            assertThat(sent).startsWith("POST ").endsWith("\r\n\r\n" + BODY);
            assertThat(sent.indexOf("POST ", 1))
                    .as("one request's headers only")
                    .isEqualTo(-1);
        }
    }

    private static HttpRequest post(int contentLength) {
        HttpRequest request =
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/channels/c1/messages");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        return request;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private List<String> sentSoFar() {
        List<String> sent = new ArrayList<>();
        for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; ) {
            sent.add(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return sent;
    }
}
