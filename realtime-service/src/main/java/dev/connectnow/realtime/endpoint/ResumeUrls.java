package dev.connectnow.realtime.endpoint;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Builds READY's {@code resumeUrl}: the address the client used (as the gateway forwards it:
 * {@code X-Forwarded-Proto/Host/Port}, else the Host header) with the path {@code /ws/resume/{instance key}},
 * which the gateway routes to this very instance.
 */
public final class ResumeUrls {

    private final String instanceKey;

    public ResumeUrls(String instanceKey) {
        this.instanceKey = instanceKey;
    }

    public String forRequest(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String proto = first(headers.get("X-Forwarded-Proto"));
        String host = first(headers.get("X-Forwarded-Host"));
        String port = first(headers.get("X-Forwarded-Port"));
        boolean secure;
        String authority;
        if (host != null) {
            secure = "https".equalsIgnoreCase(proto) || "wss".equalsIgnoreCase(proto);
            authority = host.contains(":") || port == null || isDefault(port, secure) ? host : host + ":" + port;
        } else {
            secure = "https".equals(request.getURI().getScheme())
                    || "wss".equals(request.getURI().getScheme());
            authority = headers.getFirst(HttpHeaders.HOST) != null
                    ? headers.getFirst(HttpHeaders.HOST)
                    : request.getURI().getAuthority();
        }
        return (secure ? "wss://" : "ws://") + authority + "/ws/resume/" + instanceKey;
    }

    public String instanceKey() {
        return instanceKey;
    }

    private static boolean isDefault(String port, boolean secure) {
        return secure ? port.equals("443") : port.equals("80");
    }

    /** The left-most value (the client-facing one when proxies append). */
    private static String first(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.get(0).split(",")[0].trim();
        return value.isEmpty() ? null : value;
    }
}
