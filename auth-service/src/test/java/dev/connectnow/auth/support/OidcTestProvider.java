package dev.connectnow.auth.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A real OpenID Connect server in the test JVM (NAV's mock-oauth2-server: discovery, JWKS, token endpoint, RS256
 * keys per issuer), whose keys can be rotated, plus a signer for tokens with hand-picked headers and claims,
 * signed with the provider's own key exactly as the provider would.
 */
public final class OidcTestProvider implements AutoCloseable {

    public static final String WEB_CLIENT = "connectnow-web";

    private final RotatingKeys keys = new RotatingKeys();
    private final MockOAuth2Server server;

    public OidcTestProvider() {
        server = new MockOAuth2Server(new OAuth2Config(
                false, null, null, false, new OAuth2TokenProvider(keys), Set.of(), new MockWebServerWrapper()));
        server.start();
    }

    /** The issuer URL of one tenant ({@code http://localhost:<port>/<id>}), as its tokens and discovery say. */
    public String issuer(String id) {
        return server.issuerUrl(id).toString();
    }

    public int port() {
        return server.baseUrl().port();
    }

    /** A token issued by the server's own token endpoint (authorization-code flow run by the mock itself). */
    public String issuedToken(String id, String subject, Map<String, Object> claims) {
        return server.issueToken(
                        id,
                        WEB_CLIENT,
                        new DefaultOAuth2TokenCallback(id, subject, "JWT", List.of(WEB_CLIENT), claims, 300))
                .serialize();
    }

    /** Claims of a typical ID token for the web client: iss, sub, aud, azp, iat, nbf, exp (+5 min), jti. */
    public JWTClaimsSet.Builder idTokenClaims(String id, String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer(id))
                .subject(subject)
                .audience(WEB_CLIENT)
                .claim("azp", WEB_CLIENT)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signs with the tenant's current key, header {@code typ: JWT} and its {@code kid} unless changed. */
    public String sign(String id, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        return sign((RSAKey) keys.signingKey(id), claims, header);
    }

    public String sign(String id, JWTClaimsSet claims) {
        return sign(id, claims, UnaryOperator.identity());
    }

    public static String sign(RSAKey key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        SignedJWT jwt = new SignedJWT(
                header.apply(new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .type(JOSEObjectType.JWT)
                                .keyID(key.getKeyID()))
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public RSAKey currentKey(String id) {
        return (RSAKey) keys.signingKey(id);
    }

    /** Replaces the tenant's key: its JWKS then publishes only the new one (the old one is gone). */
    public void rotateKey(String id) {
        keys.rotate(id);
    }

    /** Paths of the requests the server received since the last call (discovery, JWKS, token). */
    public List<String> takeRequestPaths() {
        List<String> paths = new ArrayList<>();
        while (true) {
            RecordedRequest request;
            try {
                request = server.takeRequest(50, TimeUnit.MILLISECONDS);
            } catch (RuntimeException nothingLeft) { // the mock reports an empty queue by throwing
                return paths;
            }
            paths.add(
                    request.getRequestUrl() == null
                            ? ""
                            : request.getRequestUrl().encodedPath());
        }
    }

    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** One key per tenant, replaceable; the server signs with it and publishes only it. */
    private static final class RotatingKeys extends KeyProvider {

        private final Map<String, JWK> current = new ConcurrentHashMap<>();

        @Override
        public JWK signingKey(String issuerId) {
            return current.computeIfAbsent(issuerId, id -> newKey());
        }

        void rotate(String issuerId) {
            current.put(issuerId, newKey());
        }
    }
}
