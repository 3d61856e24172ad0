package dev.connectnow.chassis.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the client that called us. Proxies we run append the peer they saw to X-Forwarded-For,
 * so only the last {@code trustedProxies} entries are trustworthy; anything to their left came from the
 * client and is ignored (a spoofed header cannot reset per-IP throttles).
 */
public final class ClientAddress {

    public static String of(HttpServletRequest request, int trustedProxies) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (trustedProxies <= 0 || forwarded == null || forwarded.isBlank()) {
            return request.getRemoteAddr();
        }
        String[] hops = forwarded.split(",");
        int index = Math.max(0, hops.length - trustedProxies);
        String address = hops[index].trim();
        return address.isEmpty() ? request.getRemoteAddr() : address;
    }

    private ClientAddress() {}
}
