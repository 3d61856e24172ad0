package dev.connectnow.gateway.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * CORS is the gateway's answer alone: a service's own {@code Access-Control-*} headers, and the {@code Vary}
 * entries CORS adds, are dropped from its answer before the gateway's response is built. The gateway's CORS
 * processing has already written its headers (and its {@code Vary: Origin, Access-Control-Request-Method,
 * Access-Control-Request-Headers} on every answer), so a service's copies could only duplicate them — or, on a
 * request without {@code Origin}, stand alone and allow what the gateway did not.
 * <p>
 * Done once, on the service's headers as they are copied (most answers carry none of these and are passed on
 * as they are), instead of de-duplicating the merged headers after every proxied call.
 */
@Component
public class UpstreamCorsHeadersFilter implements HttpHeadersFilter, Ordered {

    private static final String CORS_HEADER_PREFIX = "access-control-";

    /** The {@code Vary} entries the gateway's CORS processing adds to every answer. */
    private static final Set<String> CORS_VARY_ENTRIES = caseInsensitive(
            HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

    @Override
    public HttpHeaders filter(HttpHeaders upstream, ServerWebExchange exchange) {
        if (!carriesCors(upstream)) {
            return upstream;
        }
        HttpHeaders kept = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : upstream.headerSet()) {
            String name = header.getKey();
            if (isCorsHeader(name)) {
                continue;
            }
            List<String> values =
                    HttpHeaders.VARY.equalsIgnoreCase(name) ? withoutCorsEntries(header.getValue()) : header.getValue();
            if (!values.isEmpty()) {
                kept.addAll(name, values);
            }
        }
        return kept;
    }

    /** Whether there is anything to drop; a {@code Vary} is rare enough to be looked at in {@link #filter}. */
    private static boolean carriesCors(HttpHeaders upstream) {
        for (String name : upstream.headerNames()) {
            if (isCorsHeader(name) || HttpHeaders.VARY.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCorsHeader(String name) {
        return name.regionMatches(true, 0, CORS_HEADER_PREFIX, 0, CORS_HEADER_PREFIX.length());
    }

    /** {@code Vary: Origin, Accept-Encoding} → {@code [Accept-Encoding]}. */
    private static List<String> withoutCorsEntries(List<String> varyValues) {
        List<String> kept = new ArrayList<>();
        for (String value : varyValues) {
            for (String entry : value.split(",")) {
                String trimmed = entry.trim();
                if (!trimmed.isEmpty() && !CORS_VARY_ENTRIES.contains(trimmed)) {
                    kept.add(trimmed);
                }
            }
        }
        return kept;
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
