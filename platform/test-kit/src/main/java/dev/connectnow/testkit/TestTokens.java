package dev.connectnow.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints access tokens the way auth-service does (RS256, {@code iss=connectnow}, {@code aud=connectnow},
 * {@code sub}, {@code sid}), signed with a key whose JWKS is served on a loopback port for the services
 * under test to fetch, exactly as they fetch auth-service's in production.
 */
public final class TestTokens {

    public static final String ISSUER = "connectnow";
    public static final String AUDIENCE = "connectnow";
    private static volatile TestTokens shared;

    private final RSAKey key;
    private final String jwkSetUri;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stop-test-jwks"));
            jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestTokens shared() {
        if (shared == null) {
            synchronized (TestTokens.class) {
                if (shared == null) {
                    shared = new TestTokens();
                }
            }
        }
        return shared;
    }

    public String jwkSetUri() {
        return jwkSetUri;
    }

    public RSAKey signingKey() {
        return key;
    }

    /** A valid 15-minute access token for the user, with a fresh session id. */
    public static String accessToken(UUID userId) {
        return shared().builder(userId).sign();
    }

    public Builder builder(UUID userId) {
        return new Builder(userId);
    }

    /** Adjusts one claim at a time, to produce the invalid variants security tests need. */
    public final class Builder {
        private final JWTClaimsSet.Builder claims;

        private Builder(UUID userId) {
            Instant now = Instant.now();
            claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(AUDIENCE)
                    .subject(userId.toString())
                    .claim("sid", UUID.randomUUID().toString())
                    .claim("preferred_username", "user-" + userId.toString().substring(0, 8))
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String audience) {
            claims.audience(audience);
            return this;
        }

        public Builder session(UUID sessionId) {
            claims.claim("sid", sessionId.toString());
            return this;
        }

        public Builder expiresAt(Instant expiry) {
            claims.expirationTime(Date.from(expiry));
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(key.getKeyID())
                                .build(),
                        claims.build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
