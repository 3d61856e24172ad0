package dev.connectnow.gateway.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The signing keys of the token issuer, fetched from its JWKS endpoint and cached.
 * <ul>
 * <li>Keys are reused until {@code ttl} has passed; then the next request fetches them
 * again. If that fetch fails, the previous keys stay in use (an auth-service outage does
 * not invalidate every session at the edge).</li>
 * <li>A token whose {@code kid} is not in the cached set triggers a fetch (key rotation),
 * but at most once per {@code minRefreshInterval}: forged key ids cannot turn the gateway
 * into a load generator against the key server.</li>
 * <li>Concurrent fetches are collapsed into one.</li>
 * </ul>
 */
public final class CachingJwkSetSource {

    private static final Logger log = LoggerFactory.getLogger(CachingJwkSetSource.class);

    private final Supplier<Mono<String>> fetcher;

    private final long ttlNanos;

    private final long minRefreshNanos;

    private final LongSupplier nanoClock;

    private volatile Snapshot snapshot;

    private volatile long lastFetchStartNanos;

    private volatile boolean fetchedOnce;

    private final AtomicReference<Mono<Snapshot>> inFlight = new AtomicReference<>();

    public CachingJwkSetSource(Supplier<Mono<String>> fetcher, Duration ttl, Duration minRefreshInterval) {
        this(fetcher, ttl, minRefreshInterval, System::nanoTime);
    }

    CachingJwkSetSource(
            Supplier<Mono<String>> fetcher, Duration ttl, Duration minRefreshInterval, LongSupplier nanoClock) {
        this.fetcher = fetcher;
        this.ttlNanos = ttl.toNanos();
        this.minRefreshNanos = minRefreshInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The keys that may have signed a JWS with this header; empty when none match. */
    public Flux<JWK> get(JWSHeader header) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        return current().flatMapMany(current -> {
            List<JWK> keys = selector.select(current.keys());
            if (!keys.isEmpty()) {
                return Flux.fromIterable(keys);
            }
            if (!mayRefetch()) {
                return Flux.empty();
            }
            return fetch().onErrorResume(ex -> Mono.just(current))
                    .flatMapIterable(refreshed -> selector.select(refreshed.keys()));
        });
    }

    private Mono<Snapshot> current() {
        Snapshot cached = this.snapshot;
        if (cached == null) {
            return fetch();
        }
        boolean stale = nanoClock.getAsLong() - cached.fetchedAtNanos() >= ttlNanos;
        if (stale && mayRefetch()) {
            return fetch().onErrorResume(ex -> Mono.just(cached));
        }
        return Mono.just(cached);
    }

    private boolean mayRefetch() {
        return !fetchedOnce || nanoClock.getAsLong() - lastFetchStartNanos >= minRefreshNanos;
    }

    private Mono<Snapshot> fetch() {
        return Mono.defer(() -> {
            Mono<Snapshot> running = inFlight.get();
            if (running != null) {
                return running;
            }
            Mono<Snapshot> created = Mono.defer(() -> {
                        lastFetchStartNanos = nanoClock.getAsLong();
                        fetchedOnce = true;
                        return fetcher.get();
                    })
                    .map(this::parse)
                    .doOnNext(fresh -> {
                        this.snapshot = fresh;
                        log.debug(
                                "Fetched {} signing key(s)",
                                fresh.keys().getKeys().size());
                    })
                    .doOnError(ex -> log.warn("Could not fetch the token signing keys: {}", ex.toString()))
                    .doFinally(signal -> inFlight.set(null))
                    .cache();
            if (inFlight.compareAndSet(null, created)) {
                return created;
            }
            Mono<Snapshot> other = inFlight.get();
            return other != null ? other : created;
        });
    }

    private Snapshot parse(String json) {
        try {
            return new Snapshot(JWKSet.parse(json), nanoClock.getAsLong());
        } catch (ParseException ex) {
            throw new IllegalStateException("The JWKS document is not valid: " + ex.getMessage(), ex);
        }
    }

    private record Snapshot(JWKSet keys, long fetchedAtNanos) {}
}
