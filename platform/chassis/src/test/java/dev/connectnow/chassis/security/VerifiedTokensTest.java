package dev.connectnow.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {

    private final AtomicInteger verifications = new AtomicInteger();
    private static final Instant ISSUED = Instant.parse("2026-12-02T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(ISSUED);
    private final AtomicLong tickerNanos = new AtomicLong();

    /** Claims checked against the held clock: the token expires at its exp. */
    private final OAuth2TokenValidator<Jwt> claims = jwt -> jwt.getExpiresAt().isAfter(now.get())
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "expired", null));

    /** Verifies "good-…" tokens (all issued at ISSUED for 15 minutes) and their claims, refuses anything else. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        Jwt jwt = Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("user")
                .issuedAt(ISSUED)
                .expiresAt(ISSUED.plusSeconds(900))
                .build();
        if (claims.validate(jwt).hasErrors()) {
            throw new JwtValidationException("expired", claims.validate(jwt).getErrors());
        }
        return jwt;
    };

    private final VerifiedTokens tokens =
            new VerifiedTokens(verifier, claims, Duration.ofSeconds(60), 100, tickerNanos::get);

    @Test
    void aTokenIsVerifiedOnceAndRememberedForItsNextUses() {
        Jwt first = tokens.decode("good-1");
        Jwt again = tokens.decode("good-1");

        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
        tokens.decode("good-2");
        assertThat(verifications).as("another token is verified on its own").hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedTheMomentItsClaimsFailAndIsForgotten() {
        tokens.decode("good-1");
        now.set(now.get().plusSeconds(901));

        assertThatThrownBy(() -> tokens.decode("good-1")).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode("good-1"))
                .as("forgotten, so verified again (and refused again)")
                .isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void theSignatureIsVerifiedAgainOnceTheMemoryLapses() {
        tokens.decode("good-1");
        tickerNanos.addAndGet(Duration.ofSeconds(61).toNanos());

        tokens.decode("good-1");

        assertThat(verifications).hasValue(2);
    }
}
