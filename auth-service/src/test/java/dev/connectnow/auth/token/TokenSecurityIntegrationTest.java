package dev.connectnow.auth.token;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.connectnow.auth.support.Accounts;
import dev.connectnow.auth.support.Accounts.Account;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Access token security (S7, S8) and key configuration: the service runs with a configured key pair and a
 * retired public key, so this test can sign tokens with the real key and prove that claims, not only
 * signatures, are checked.
 */
@ServiceIntegrationTest
@TestPropertySource(
        properties = {
            "connectnow.auth.signing-key.private-key=classpath:keys/current-private.pem",
            "connectnow.auth.signing-key.public-key=classpath:keys/current-public.pem",
            "connectnow.auth.signing-key.retired-public-keys=classpath:keys/retired-public.pem"
        })
class TokenSecurityIntegrationTest {

    static RSAKey currentKey;
    static RSAKey retiredKey;

    @LocalServerPort
    int port;

    Accounts accounts;
    ApiClient api;

    @BeforeAll
    static void loadKeys() throws IOException {
        currentKey = new SigningKeyLoader()
                .load(resource("keys/current-private.pem"), null, List.of())
                .current();
        retiredKey = new SigningKeyLoader()
                .load(resource("keys/retired-private.pem"), null, List.of())
                .current();
    }

    @BeforeEach
    void setUp() {
        accounts = new Accounts(port);
        api = accounts.api();
    }

    @Test
    void jwksPublishesTheCurrentAndRetiredPublicKeysOnly() throws Exception {
        ApiClient.Response response = api.as("garbage").get("/.well-known/jwks.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("max-age"));
        JsonNode keys = response.json().get("keys");
        List<String> kids = new ArrayList<>();
        for (JsonNode key : keys) {
            kids.add(key.get("kid").asString());
            assertThat(key.get("kty").asString()).isEqualTo("RSA");
            assertThat(key.get("alg").asString()).isEqualTo("RS256");
            assertThat(key.get("use").asString()).isEqualTo("sig");
            for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
                assertThat(key.has(privatePart))
                        .as("private member %s", privatePart)
                        .isFalse();
            }
        }
        // kid = RFC 7638 thumbprint of the key
        assertThat(kids)
                .containsExactly(
                        currentKey.computeThumbprint().toString(),
                        retiredKey.computeThumbprint().toString());
    }

    @Test
    void issuedTokensAreSignedWithTheConfiguredKey() throws Exception {
        Account account = accounts.register();

        SignedJWT jwt = SignedJWT.parse(account.accessToken());
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(currentKey.getKeyID());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(currentKey.toRSAPublicKey()))).isTrue();
    }

    @Test
    void tokensOfARetiredKeyAreStillAccepted() throws Exception {
        Account account = accounts.register();

        String token =
                sign(retiredKey, rs256(retiredKey).build(), claims(account).build());

        assertThat(api.as(token).get("/api/users/me").status()).isEqualTo(200);
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        Account victim = accounts.register();
        Account attacker = accounts.register();
        RSAKey attackerKey = TestTokens.shared().signingKey();

        // S7: alg=none
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(claims(victim).build().toString()).toString();
        expect401(header + "." + payload + ".");

        // S7: HS256 keyed with the public key (the classic algorithm confusion), DER and PEM forms
        JWSHeader hs256 = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(currentKey.getKeyID())
                .build();
        expect401(macSigned(
                hs256, claims(victim).build(), currentKey.toRSAPublicKey().getEncoded()));
        expect401(macSigned(
                hs256,
                claims(victim).build(),
                resource("keys/current-public.pem").getBytes(StandardCharsets.US_ASCII)));

        // S7: the attacker's own key, announced through jku or embedded as jwk, with and without our kid
        URI attackerJwks = URI.create(TestTokens.shared().jwkSetUri());
        expect401(sign(
                attackerKey,
                rs256(attackerKey).jwkURL(attackerJwks).build(),
                claims(victim).build()));
        expect401(sign(
                attackerKey,
                rs256(attackerKey).jwk(attackerKey.toPublicJWK()).build(),
                claims(victim).build()));
        expect401(sign(
                attackerKey,
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(currentKey.getKeyID())
                        .jwk(attackerKey.toPublicJWK())
                        .build(),
                claims(victim).build()));
        expect401(TestTokens.shared()
                .builder(victim.id())
                .session(victim.sessionId())
                .sign());

        // S7: a genuine token whose payload was edited to name someone else
        String[] parts = attacker.accessToken().split("\\.");
        JsonNode original = Accounts.claims(attacker.accessToken());
        String edited = original.toString()
                .replace(attacker.id().toString(), victim.id().toString());
        assertThat(edited).isNotEqualTo(original.toString());
        expect401(parts[0] + "." + Base64URL.encode(edited) + "." + parts[2]);

        // the untouched originals still work
        assertThat(api.as(attacker.accessToken()).get("/api/users/me").status()).isEqualTo(200);
    }

    @Test
    void validlySignedTokensWithWrongClaimsAreRefused() throws Exception {
        Account account = accounts.register();
        Account other = accounts.register();
        Instant now = Instant.now();

        // S8: expired beyond the 30 s clock skew; within the skew it is still accepted
        expect401(sign(
                currentKey,
                rs256(currentKey).build(),
                claims(account)
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(2))))
                        .build()));
        ApiClient.Response withinSkew = api.as(sign(
                        currentKey,
                        rs256(currentKey).build(),
                        claims(account)
                                .issueTime(Date.from(now.minus(Duration.ofMinutes(15))))
                                .expirationTime(Date.from(now.minusSeconds(5)))
                                .build()))
                .get("/api/users/me");
        assertThat(withinSkew.status())
                .as("%s %s", withinSkew, withinSkew.headers())
                .isEqualTo(200);
        // S8: wrong issuer, wrong audience, no session
        expect401(sign(
                currentKey,
                rs256(currentKey).build(),
                claims(account).issuer("https://evil.example").build()));
        expect401(sign(
                currentKey,
                rs256(currentKey).build(),
                claims(account).audience("other-app").build()));
        expect401(sign(
                currentKey,
                rs256(currentKey).build(),
                claims(account).claim("sid", null).build()));
        // a real session of another user, or a session that never existed
        expect401(sign(
                currentKey,
                rs256(currentKey).build(),
                claims(account).claim("sid", other.sessionId().toString()).build()));
        expect401(sign(
                currentKey,
                rs256(currentKey).build(),
                claims(account).claim("sid", UUID.randomUUID().toString()).build()));
        // S8: the refresh token is no access token
        expect401(account.refreshToken());
        // no token at all
        ApiClient.Response anonymous = api.get("/api/users/me");
        assertProblem(anonymous, 401);
        assertThat(anonymous.header("WWW-Authenticate")).hasValue("Bearer");

        // a well-formed token of a session that has ended is refused at once, here
        String valid =
                sign(currentKey, rs256(currentKey).build(), claims(account).build());
        assertThat(api.as(valid).get("/api/users/me").status()).isEqualTo(200);
        assertThat(api.as(account.accessToken()).post("/api/auth/logout", null).status())
                .isEqualTo(204);
        expect401(valid);
    }

    @Test
    void publicEndpointsStayOpenWithAnInvalidTokenAttached() {
        Account account = accounts.register();
        ApiClient withJunk = api.as("expired.or.junk");

        assertThat(withJunk.post("/api/auth/login", Map.of("login", account.username(), "password", account.password()))
                        .status())
                .isEqualTo(200);
        assertThat(withJunk.post("/api/auth/refresh", Map.of("refreshToken", account.refreshToken()))
                        .status())
                .isEqualTo(200);
        assertProblem(withJunk.get("/api/auth/sessions"), 401);
    }

    // ---------------------------------------------------------------- helpers

    private void expect401(String token) {
        ApiClient.Response response = api.as(token).get("/api/users/me");
        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    private static JWTClaimsSet.Builder claims(Account account) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("connectnow")
                .audience("connectnow")
                .subject(account.id().toString())
                .claim("sid", account.sessionId().toString())
                .claim("preferred_username", account.username())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static JWSHeader.Builder rs256(RSAKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT);
    }

    private static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String macSigned(JWSHeader header, JWTClaimsSet claims, byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in =
                TokenSecurityIntegrationTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
