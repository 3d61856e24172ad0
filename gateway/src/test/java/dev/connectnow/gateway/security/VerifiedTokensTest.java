package dev.connectnow.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import reactor.core.publisher.Mono;

class VerifiedTokensTest {

    private final AtomicInteger verifications = new AtomicInteger();

    private final AtomicBoolean claimsValid = new AtomicBoolean(true);

    private final AtomicLong nanos = new AtomicLong();

    private final OAuth2TokenValidator<Jwt> claims = jwt -> claimsValid.get()
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Jwt expired", null));

    /** Accepts tokens starting with "good", like a signature check would, and runs the claim checks. */
    private final VerifiedTokens tokens = new VerifiedTokens(
            token -> {
                verifications.incrementAndGet();
                if (!token.startsWith("good")) {
                    return Mono.error(new BadJwtException("bad signature"));
                }
                Jwt jwt = jwt(token);
                OAuth2TokenValidatorResult result = claims.validate(jwt);
                return result.hasErrors()
                        ? Mono.error(new JwtValidationException("invalid", result.getErrors()))
                        : Mono.just(jwt);
            },
            claims,
            Duration.ofSeconds(60),
            2,
            nanos::get);

    @Test
    void aVerifiedTokenIsNotVerifiedAgain() {
        assertThat(tokens.decode("good-1").block().getTokenValue()).isEqualTo("good-1");
        assertThat(tokens.decode("good-1").block().getTokenValue()).isEqualTo("good-1");
        assertThat(verifications).hasValue(1);
        tokens.decode("good-2").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRejectedTokenIsNeverRemembered() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
    }

    @Test
    void theClaimsAreCheckedOnEveryUse() {
        tokens.decode("good-1").block();
        claimsValid.set(false); // e.g. the token expired meanwhile
        assertThatThrownBy(() -> tokens.decode("good-1").block())
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(verifications).hasValue(1);
        claimsValid.set(true);
        tokens.decode("good-1").block();
        assertThat(verifications).as("forgotten after failing its checks").hasValue(2);
    }

    @Test
    void aVerificationIsRememberedForTheTimeToLiveOnly() {
        tokens.decode("good-1").block();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(59));
        tokens.decode("good-1").block();
        assertThat(verifications).hasValue(1);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        tokens.decode("good-1").block();
        assertThat(verifications).hasValue(2);
    }

    private static Jwt jwt(String token) {
        Instant now = Instant.now();
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("user")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(900))
                .build();
    }
}
