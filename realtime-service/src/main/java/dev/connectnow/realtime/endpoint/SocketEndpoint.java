package dev.connectnow.realtime.endpoint;

import dev.connectnow.realtime.RealtimeProperties;
import dev.connectnow.realtime.protocol.CloseCodes;
import dev.connectnow.realtime.socket.SocketConnection;
import dev.connectnow.realtime.socket.SocketHub;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * {@code GET /ws} and {@code GET /ws/resume/{instance}}: checks the handshake, upgrades it on Reactor Netty and
 * hands the socket to the protocol engine. Refused before the upgrade (RFC 9457 problem, nothing opened): a
 * foreign {@code Origin} (403, S19), a token in the URL (400: tokens travel in IDENTIFY only, never where logs
 * and proxies keep URLs), a plain GET (426), a stopping instance (503).
 */
public final class SocketEndpoint implements WebHandler {

    private static final Logger log = LoggerFactory.getLogger(SocketEndpoint.class);
    private static final Set<String> TOKEN_PARAMETERS =
            Set.of("token", "access_token", "accesstoken", "authorization", "jwt", "bearer");

    /** RFC 6455's version, the only one spoken here (§4.4: a server names the versions it speaks in its 426). */
    private static final String VERSION = WebSocketVersion.V13.toHttpHeaderValue();

    private final SocketHub hub;
    private final ResumeUrls resumeUrls;
    private final CorsConfiguration origins = new CorsConfiguration();
    private final WebsocketServerSpec spec;
    private final int maxFrameBytes;
    private final int socketSendBuffer;

    public SocketEndpoint(SocketHub hub, ResumeUrls resumeUrls, RealtimeProperties properties) {
        this.hub = hub;
        this.resumeUrls = resumeUrls;
        this.maxFrameBytes = properties.maxFrameBytes();
        this.socketSendBuffer = properties.outbound().socketSendBuffer();
        origins.setAllowedOriginPatterns(properties.allowedOrigins());
        this.spec = WebsocketServerSpec.builder()
                .maxFramePayloadLength(maxFrameBytes)
                .handlePing(false)
                .build();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.GET) {
            return refuse(exchange, HttpStatus.METHOD_NOT_ALLOWED, "Only GET opens a WebSocket.");
        }
        String origin = request.getHeaders().getOrigin();
        if (origin != null && !sameOrigin(origin, request.getURI()) && origins.checkOrigin(origin) == null) {
            return refuse(exchange, HttpStatus.FORBIDDEN, "This origin may not open a socket.");
        }
        if (request.getQueryParams().keySet().stream().anyMatch(p -> TOKEN_PARAMETERS.contains(p.toLowerCase()))) {
            return refuse(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    "Tokens are never accepted in the URL; send IDENTIFY with the token as the first frame.");
        }
        if (!"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            return refuse(exchange, HttpStatus.UPGRADE_REQUIRED, "This endpoint speaks WebSocket only.");
        }
        String key = request.getHeaders().getFirst(HttpHeaderNames.SEC_WEBSOCKET_KEY.toString());
        if (key == null || key.isBlank()) {
            // Netty's handshaker would fail on it after the response began: a 500 for a client's mistake
            return refuse(exchange, HttpStatus.BAD_REQUEST, "A WebSocket handshake needs a Sec-WebSocket-Key header.");
        }
        String version = request.getHeaders().getFirst(HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString());
        if (version == null || !version.strip().equals(VERSION)) {
            // without the header Netty reads the 2010 draft protocol, fails on its missing Origin and answers 500
            return refuse(
                    exchange,
                    HttpStatus.UPGRADE_REQUIRED,
                    "Only WebSocket version 13 (RFC 6455) is spoken here: send Sec-WebSocket-Version: 13.");
        }
        if (!hub.accepting()) {
            return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, "The instance is stopping; connect again.");
        }
        String resumeUrl = resumeUrls.forRequest(request);
        HttpServerResponse netty = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        return netty.sendWebsocket((in, out) -> serve(in, out, resumeUrl), spec);
    }

    /**
     * An Origin naming this very instance is same-origin, not a foreign page: Spring Cloud Gateway's WebSocket
     * client (Netty) sends exactly that upstream for a client that sent no Origin (a non-browser client), so
     * refusing it would refuse every such client behind the gateway. A browser cannot forge it.
     */
    static boolean sameOrigin(String origin, URI request) {
        try {
            URI parsed = new URI(origin);
            return parsed.getHost() != null
                    && parsed.getHost().equalsIgnoreCase(request.getHost())
                    && effectivePort(parsed) == effectivePort(request);
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }

    private Mono<Void> serve(WebsocketInbound in, WebsocketOutbound out, String resumeUrl) {
        NettyTransport[] transport = new NettyTransport[1];
        SocketConnection[] connection = new SocketConnection[1];
        out.withConnection(nettyConnection -> {
            transport[0] = new NettyTransport(nettyConnection, socketSendBuffer);
            connection[0] = hub.open(transport[0], resumeUrl);
        });
        in.receiveCloseStatus().subscribe(status -> transport[0].clientClosed(status.code()));
        in.aggregateFrames(maxFrameBytes);
        // after the aggregator, which reports a client that left in the middle of a fragmented message
        in.withConnection(nettyConnection ->
                nettyConnection.addHandlerLast(ClientLeftMidMessage.NAME, ClientLeftMidMessage.INSTANCE));
        return in.receiveFrames()
                .doOnNext(frame -> {
                    if (frame.rsv() != 0) {
                        // Reactor Netty's decoder lets reserved bits through for extensions it could negotiate
                        transport[0].refuse(CloseCodes.PROTOCOL_ERROR, "reserved bits set");
                    } else if (frame instanceof TextWebSocketFrame text) {
                        String decoded = strictUtf8(text.content());
                        if (decoded == null) {
                            transport[0].refuse(CloseCodes.INVALID_PAYLOAD, "text frame is not valid UTF-8");
                        } else {
                            connection[0].onText(decoded);
                        }
                    } else if (frame instanceof BinaryWebSocketFrame) {
                        connection[0].onBinary();
                    }
                })
                .onErrorResume(error -> {
                    if (error instanceof CorruptedWebSocketFrameException corrupted) {
                        // the decoder's own verdict: 1009 for a frame over the limit, 1002 for broken framing
                        transport[0].refuse(
                                corrupted.closeStatus().code(),
                                corrupted.closeStatus().reasonText());
                    } else if (error instanceof TooLongFrameException) {
                        transport[0].refuse(CloseCodes.MESSAGE_TOO_BIG, "message too large");
                    } else if (error instanceof CorruptedFrameException) {
                        transport[0].refuse(CloseCodes.PROTOCOL_ERROR, "invalid frame");
                    } else {
                        log.debug("socket read failed: {}", error.toString());
                        return Mono.empty();
                    }
                    // ending the handler now would have Reactor Netty close the socket 1000 before our close frame
                    return transport[0].ended().then(Mono.<WebSocketFrame>empty());
                })
                .then();
    }

    /**
     * The frame's text, or null when its bytes are not UTF-8 (RFC 6455 §8.1: close 1007). Netty's own decoding
     * replaces such bytes, which would let an overlong or surrogate sequence reach the parser as another character.
     */
    static String strictUtf8(ByteBuf bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(bytes.nioBuffer()).toString();
        } catch (CharacterCodingException invalid) {
            return null;
        }
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UPGRADE_REQUIRED) {
            response.getHeaders().set(HttpHeaders.UPGRADE, "websocket");
            response.getHeaders().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString(), VERSION);
        }
        String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\""
                + exchange.getRequest().getPath().value().replace("\"", "") + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
