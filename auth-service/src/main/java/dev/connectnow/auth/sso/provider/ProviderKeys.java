package dev.connectnow.auth.sso.provider;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's signing keys, found through its discovery document ({@code jwks_uri}) and cached.
 *
 * <ul>
 *   <li>The key set is reused for {@code jwks-ttl}, the discovery document for {@code metadata-ttl}; one thread
 *       fetches, the others wait for its result (bounded by the request time limit).</li>
 *   <li>Key rotation: a token naming a key that is not in the cached set triggers one fetch, at most once per
 *       {@code jwks-min-refresh-interval}, so forged key ids cannot make us hammer the provider.</li>
 *   <li>A failed fetch keeps the previous keys in use (a provider outage does not stop sign-ins whose keys are
 *       known). Without usable keys, the provider is reported unavailable, and for {@code failure-backoff} later
 *       requests are answered at once instead of waiting on it again.</li>
 *   <li>The discovery document must name exactly the configured issuer (OpenID Connect Discovery 1.0, 4.3).</li>
 * </ul>
 */
final class ProviderKeys {

    private static final Logger log = LoggerFactory.getLogger(ProviderKeys.class);

    private final OidcProvider provider;
    private final ProviderHttp http;
    private final Clock clock;
    private final OidcProperties settings;
    private final ReentrantLock fetching = new ReentrantLock();

    private volatile Keys keys;
    private volatile Instant unavailableUntil = Instant.MIN;
    // guarded by fetching
    private URI jwksUri;
    private Instant jwksUriFetchedAt = Instant.MIN;
    private Instant lastKeyFetch = Instant.MIN;

    ProviderKeys(OidcProvider provider, ProviderHttp http, Clock clock, OidcProperties settings) {
        this.provider = provider;
        this.http = http;
        this.clock = clock;
        this.settings = settings;
    }

    /** The provider's keys that may have signed a token with this header (none for an unsupported algorithm). */
    List<JWK> candidates(JWSHeader header) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        Keys current = current();
        List<JWK> found = selector.select(current.set());
        if (!found.isEmpty() || header.getKeyID() == null) {
            return found;
        }
        return selector.select(refreshForUnknownKey(current).set());
    }

    private Keys current() {
        Keys cached = keys;
        if (cached != null && isFresh(cached, clock.instant())) {
            return cached;
        }
        fetching.lock();
        try {
            cached = keys;
            Instant now = clock.instant();
            if (cached != null && isFresh(cached, now)) {
                return cached;
            }
            if (now.isBefore(unavailableUntil)) {
                return orUnavailable(cached, now);
            }
            return fetch(now, cached);
        } finally {
            fetching.unlock();
        }
    }

    private Keys refreshForUnknownKey(Keys seen) {
        fetching.lock();
        try {
            Keys cached = keys;
            if (cached != seen) {
                return cached; // another request fetched meanwhile
            }
            Instant now = clock.instant();
            if (now.isBefore(lastKeyFetch.plus(settings.jwksMinRefreshInterval()))) {
                return cached;
            }
            if (now.isBefore(unavailableUntil)) {
                throw unavailable(now);
            }
            Keys refreshed = fetch(now, null);
            log.info(
                    "Provider {}: fetched its key set for an unknown key id ({} key(s))",
                    provider.name(),
                    refreshed.set().getKeys().size());
            return refreshed;
        } finally {
            fetching.unlock();
        }
    }

    /** Fetches the key set; on failure falls back to {@code fallback} or reports the provider unavailable. */
    private Keys fetch(Instant now, Keys fallback) {
        lastKeyFetch = now;
        try {
            if (jwksUri == null || !now.isBefore(jwksUriFetchedAt.plus(settings.metadataTtl()))) {
                jwksUri = discoverJwksUri();
                jwksUriFetchedAt = now;
            }
            Keys fetched = new Keys(JWKSet.parse(http.get(jwksUri)), now);
            keys = fetched;
            unavailableUntil = Instant.MIN;
            return fetched;
        } catch (IOException | ParseException | RuntimeException e) {
            // from the moment of failure: a fetch that ran into the time limit already took that long
            Instant failedAt = clock.instant();
            unavailableUntil = failedAt.plus(settings.failureBackoff());
            log.warn(
                    "Provider {} unreachable or answering nonsense ({}); {}",
                    provider.name(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    fallback == null ? "sign-ins with it fail for now" : "its previous keys stay in use");
            return orUnavailable(fallback, failedAt);
        }
    }

    private URI discoverJwksUri() throws IOException, ParseException {
        Map<String, Object> document = JSONObjectUtils.parse(http.get(provider.discoveryUri()));
        String issuer = JSONObjectUtils.getString(document, "issuer");
        if (!provider.issuer().equals(issuer)) {
            throw new IOException("the discovery document names another issuer; check issuer-uri");
        }
        URI uri = JSONObjectUtils.getURI(document, "jwks_uri");
        if (uri == null || !uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IOException("the discovery document has no usable jwks_uri");
        }
        return uri;
    }

    private boolean isFresh(Keys cached, Instant now) {
        return now.isBefore(cached.fetchedAt().plus(settings.jwksTtl()));
    }

    private Keys orUnavailable(Keys fallback, Instant now) {
        if (fallback != null) {
            return fallback;
        }
        throw unavailable(now);
    }

    private ProviderUnavailableException unavailable(Instant now) {
        Duration wait = Duration.between(now, unavailableUntil);
        return new ProviderUnavailableException(
                provider.name(), wait.isNegative() ? Duration.ofSeconds(1) : wait, "provider unavailable");
    }

    private record Keys(JWKSet set, Instant fetchedAt) {}
}
