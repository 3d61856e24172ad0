package dev.connectnow.gateway.realtime;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;

/**
 * What Spring Cloud Gateway's WebSocket routing (the {@code /ws} routes to realtime-service) proxies with: its own
 * client and service, each decorated ({@link OpeningDeadlineClient}; {@link Rfc6455HandshakesOnly},
 * {@link UpgradeOnTheConnectionsEventLoop} and {@link ReconnectWhenUpstreamNotOpened}).
 * Neither of its beans backs off for ours, so ours are primary.
 */
@Configuration(proxyBeanMethods = false)
class SocketProxyConfiguration {

    @Bean
    @Primary
    WebSocketClient openingDeadlineClient(
            ReactorNettyWebSocketClient reactorNettyWebSocketClient, RealtimeRoutingProperties properties) {
        return new OpeningDeadlineClient(reactorNettyWebSocketClient, properties.upstreamOpenTimeout());
    }

    @Bean
    @Primary
    WebSocketService reconnectWhenUpstreamNotOpened(@Qualifier("webSocketService") WebSocketService webSocketService) {
        return new ReconnectWhenUpstreamNotOpened(
                new Rfc6455HandshakesOnly(new UpgradeOnTheConnectionsEventLoop(webSocketService)));
    }
}
