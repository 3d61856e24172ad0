package dev.connectnow.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class CachingJwkSetSourceTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static final RSAKey KEY_1 = generate("k1");

    private static final RSAKey KEY_2 = generate("k2");

    private final AtomicLong clock = new AtomicLong(10_000 * SECOND);

    private final AtomicInteger fetches = new AtomicInteger();

    private final AtomicReference<Mono<String>> response = new AtomicReference<>(Mono.just(jwks(KEY_1)));

    private final CachingJwkSetSource source = new CachingJwkSetSource(
            () -> {
                fetches.incrementAndGet();
                return response.get();
            },
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            clock::get);

    @Test
    void fetchesOnceAndServesFromTheCache() {
        assertThat(keyIds("k1")).containsExactly("k1");
        assertThat(keyIds("k1")).containsExactly("k1");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void anUnknownKeyIdTriggersAtMostOneFetchPerInterval() {
        keyIds("k1");
        for (int i = 0; i < 10; i++) {
            assertThat(keyIds("forged-" + i)).isEmpty();
        }
        assertThat(fetches).hasValue(1); // the first fetch was just now: within the interval

        clock.addAndGet(31 * SECOND);
        response.set(Mono.just(jwks(KEY_1, KEY_2))); // key rotation
        assertThat(keyIds("k2")).containsExactly("k2");
        assertThat(fetches).hasValue(2);
        assertThat(keyIds("forged")).isEmpty();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void staleKeysAreRefreshedAfterTheTtl() {
        keyIds("k1");
        response.set(Mono.just(jwks(KEY_2))); // k1 was withdrawn
        clock.addAndGet(4 * 60 * SECOND);
        assertThat(keyIds("k1")).containsExactly("k1");
        clock.addAndGet(61 * SECOND);
        assertThat(keyIds("k1")).isEmpty();
        assertThat(keyIds("k2")).containsExactly("k2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aFailedRefreshKeepsThePreviousKeys() {
        keyIds("k1");
        response.set(Mono.error(new IllegalStateException("auth-service is down")));
        clock.addAndGet(6 * 60 * SECOND);
        assertThat(keyIds("k1")).containsExactly("k1");
        assertThat(keyIds("k1")).containsExactly("k1");
        assertThat(fetches).hasValue(2); // the failure is not retried on every request
    }

    @Test
    void withoutAnyKeysTheFetchErrorSurfaces() {
        response.set(Mono.error(new IllegalStateException("auth-service is down")));
        assertThatThrownBy(() -> source.get(header("k1")).collectList().block(Duration.ofSeconds(5)))
                .hasMessageContaining("auth-service is down");
        response.set(Mono.just(jwks(KEY_1))); // the issuer is back: no cool-down before the first keys
        assertThat(keyIds("k1")).containsExactly("k1");
    }

    @Test
    void concurrentFetchesAreCollapsed() {
        response.set(Mono.just(jwks(KEY_1)).delayElement(Duration.ofMillis(200)));
        List<List<JWK>> results = Flux.range(0, 20)
                .flatMap(i -> source.get(header("k1")).collectList().subscribeOn(Schedulers.parallel()), 20)
                .collectList()
                .block(Duration.ofSeconds(5));
        assertThat(results).hasSize(20).allSatisfy(keys -> assertThat(keys).hasSize(1));
        assertThat(fetches).hasValue(1);
    }

    private List<String> keyIds(String kid) {
        return source.get(header(kid)).map(JWK::getKeyID).collectList().block(Duration.ofSeconds(5));
    }

    private static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    }

    private static String jwks(RSAKey... keys) {
        return new JWKSet(List.of(keys).stream().map(k -> (JWK) k.toPublicJWK()).toList()).toString();
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
