package dev.connectnow.gateway.filter;

import dev.connectnow.gateway.logging.RequestAttributes;
import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client's IP address as the gateway sees it: the TCP peer. Client-sent forwarding
 * headers are never consulted. Resolved once per exchange.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(ServerWebExchange exchange) {
        String cached = exchange.getAttribute(RequestAttributes.CLIENT_IP);
        if (cached != null) {
            return cached;
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String ip = "unknown";
        if (remote != null) {
            ip = remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        }
        exchange.getAttributes().put(RequestAttributes.CLIENT_IP, ip);
        return ip;
    }
}
