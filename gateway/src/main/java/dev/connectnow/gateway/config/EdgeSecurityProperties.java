package dev.connectnow.gateway.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access-token contract checked at the edge, under {@code connectnow.security}.
 *
 * @param issuer required {@code iss} claim
 * @param audience value the {@code aud} claim must contain
 * @param jwkSetUri where the signing keys are published; an {@code lb://service/...} URI is
 * resolved through the service registry, an {@code http(s)://} URI is fetched directly
 * @param clockSkew tolerance on {@code exp}, {@code nbf} and {@code iat}
 * @param jwksCacheTtl after this long the key set is fetched again on the next request
 * (a failed fetch keeps the previous keys)
 * @param jwksMinRefreshInterval a token with an unknown {@code kid} triggers a fetch at
 * most this often, so forged key ids cannot hammer the key server
 * @param jwksFetchTimeout timeout of one key set fetch
 * @param permitPrometheus whether {@code /actuator/prometheus} is reachable without a
 * token (for scrapers inside a trusted network)
 * @param verifiedTokenTtl how long a token whose signature was verified is remembered (its
 * claims are still checked on every use)
 * @param verifiedTokenCacheSize how many verified tokens are remembered at most; 0 verifies
 * every request's token from scratch
 */
@ConfigurationProperties("connectnow.security")
public record EdgeSecurityProperties(
        @DefaultValue("connectnow") String issuer,
        @DefaultValue("connectnow") String audience,

        @DefaultValue("lb://auth-service/.well-known/jwks.json")
        URI jwkSetUri,

        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("5m") Duration jwksCacheTtl,
        @DefaultValue("30s") Duration jwksMinRefreshInterval,
        @DefaultValue("5s") Duration jwksFetchTimeout,
        @DefaultValue("false") boolean permitPrometheus,
        @DefaultValue("60s") Duration verifiedTokenTtl,
        @DefaultValue("10000") long verifiedTokenCacheSize) {}
