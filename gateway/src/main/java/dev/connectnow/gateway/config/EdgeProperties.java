package dev.connectnow.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Gateway knobs under {@code connectnow.gateway}. The usual ones have explicit environment
 * placeholders in {@code application.yml} (e.g. {@code CONNECTNOW_GATEWAY_RATE_LIMIT_BURST}); every
 * one also binds from its canonical relaxed name (e.g. {@code CONNECTNOW_GATEWAY_RATELIMIT_IDLETIMEOUT}).
 *
 * @param maxRequestSize default request body limit; a route overrides it with its
 * {@code max-request-size} metadata
 * @param cors CORS policy for browser clients
 * @param rateLimit per-user / per-IP token buckets
 * @param accessLog access log settings
 */
@ConfigurationProperties("connectnow.gateway")
public record EdgeProperties(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue Cors cors,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue AccessLog accessLog) {

    /**
     * @param allowedOrigins exact origins or origin patterns ({@code https://*.example.com})
     * @param allowedMethods methods a browser may use cross-origin
     * @param allowedHeaders request headers a browser may send cross-origin
     * @param exposedHeaders response headers a browser script may read
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(
            @DefaultValue({"http://localhost:5173", "http://localhost:8080"})
            List<String> allowedOrigins,

            @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
            List<String> allowedMethods,

            @DefaultValue({"Authorization", "Content-Type"}) List<String> allowedHeaders,
            @DefaultValue("Retry-After") List<String> exposedHeaders,
            @DefaultValue("1h") Duration maxAge) {}

    /**
     * @param enabled whether requests are rate limited at all
     * @param requestsPerSecond sustained rate each key (user id, or client IP when
     * anonymous) is refilled with
     * @param burst bucket capacity: how many requests a key may send at once
     * @param idleTimeout a key's bucket is dropped after this long without requests (a
     * bucket idle for longer than {@code burst / requestsPerSecond} is full anyway)
     * @param maxKeys upper bound of buckets held in memory
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("20") double requestsPerSecond,
            @DefaultValue("40") int burst,
            @DefaultValue("10m") Duration idleTimeout,
            @DefaultValue("100000") long maxKeys) {}

    /**
     * @param enabled whether one line per request is logged
     * @param redactedQueryParams query parameters whose values are never logged
     */
    public record AccessLog(
            @DefaultValue("true") boolean enabled,

            @DefaultValue({
                "token",
                "access_token",
                "accessToken",
                "refresh_token",
                "refreshToken",
                "id_token",
                "code",
                "password",
                "secret",
                "key",
                "api_key",
                "signature",
                "sig"
            })
            List<String> redactedQueryParams) {}
}
