package dev.connectnow.auth.sso;

import static dev.connectnow.auth.support.OidcTestProvider.WEB_CLIENT;
import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.connectnow.auth.support.Accounts;
import dev.connectnow.auth.support.Accounts.Account;
import dev.connectnow.auth.support.OidcTestProvider;
import dev.connectnow.events.Topics;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.SwitchableTcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Single sign-on against a real OpenID Connect server in the JVM: provisioning, the linking rules, linked
 * identities, every refusal of a provider token (S25, and S7/S8 for provider tokens), key rotation, and providers
 * that are down or hang (503, never a hang or a 500). Providers: {@code keycloak} (trusted for verified e-mail,
 * two client ids), {@code partner} (not trusted), {@code rotating} (keys rotate), {@code flaky} (behind a switchable
 * proxy), {@code down} (nothing listens) and {@code silent} (accepts connections, never answers).
 */
@ServiceIntegrationTest
class SingleSignOnIntegrationTest {

    static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static OidcTestProvider provider;
    static SwitchableTcpProxy flakyProxy;
    static ServerSocket silent;
    static int closedPort;
    static EventCollector events;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ExchangedTokens exchangedTokens;

    Accounts accounts;
    ApiClient api;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) throws IOException {
        provider = new OidcTestProvider();
        flakyProxy = new SwitchableTcpProxy("localhost", provider.port());
        flakyProxy.enable();
        // a listening socket that is never accepted from: connections succeed, requests are never answered
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        events = new EventCollector(Topics.USER);

        String prefix = "connectnow.auth.oidc.providers.";
        registry.add(prefix + "keycloak.issuer-uri", () -> provider.issuer("keycloak"));
        registry.add(prefix + "keycloak.audiences", () -> WEB_CLIENT + ",connectnow-mobile");
        registry.add(prefix + "keycloak.trust-verified-email", () -> "true");
        registry.add(prefix + "partner.issuer-uri", () -> provider.issuer("partner"));
        registry.add(prefix + "partner.audiences", () -> WEB_CLIENT);
        registry.add(prefix + "rotating.issuer-uri", () -> provider.issuer("rotating"));
        registry.add(prefix + "rotating.audiences", () -> WEB_CLIENT);
        registry.add(prefix + "flaky.issuer-uri", () -> "http://" + flakyProxy.address() + "/flaky");
        registry.add(prefix + "flaky.audiences", () -> WEB_CLIENT);
        registry.add(prefix + "down.issuer-uri", () -> "http://127.0.0.1:" + closedPort + "/down");
        registry.add(prefix + "down.audiences", () -> WEB_CLIENT);
        registry.add(prefix + "silent.issuer-uri", () -> "http://127.0.0.1:" + silent.getLocalPort() + "/silent");
        registry.add(prefix + "silent.audiences", () -> WEB_CLIENT);
        registry.add("connectnow.auth.oidc.connect-timeout", () -> "1s");
        registry.add("connectnow.auth.oidc.request-timeout", () -> "2s");
        registry.add("connectnow.auth.oidc.failure-backoff", () -> "1s");
        registry.add("connectnow.auth.oidc.jwks-min-refresh-interval", () -> "2s");
    }

    @AfterAll
    static void stopProviders() throws IOException {
        provider.close();
        flakyProxy.close();
        silent.close();
        events.close();
    }

    @BeforeEach
    void setUp() {
        accounts = new Accounts(port);
        api = accounts.api();
    }

    // ---------------------------------------------------------------- provisioning

    @Test
    void firstSignInProvisionsAPasswordlessAccountThatWorksLikeAnyOther() {
        String subject = UUID.randomUUID().toString();
        String email = "jurgen." + subject.substring(0, 8) + "@Example.org";
        String token = provider.issuedToken(
                "keycloak",
                subject,
                Map.of(
                        "preferred_username",
                        "Jürgen.Müller-" + subject.substring(0, 4),
                        "name",
                        "Jürgen Müller",
                        "email",
                        email,
                        "email_verified",
                        true));

        ApiClient.Response response = exchange(
                Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", ID_TOKEN),
                "Firefox/140",
                "198.51.100.40");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        JsonNode user = response.json().get("user");
        UUID userId = UUID.fromString(user.get("id").asString());
        assertThat(user.get("username").asString()).isEqualTo("jurgen.muller-" + subject.substring(0, 4));
        assertThat(user.get("displayName").asString()).isEqualTo("Jürgen Müller");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
        assertThat(response.json().get("expiresIn").asLong()).isEqualTo(900);
        String accessToken = response.json().get("accessToken").asString();
        String refreshToken = response.json().get("refreshToken").asString();
        JsonNode claims = Accounts.claims(accessToken);
        assertThat(claims.get("iss").asString()).isEqualTo("connectnow");
        assertThat(claims.get("sub").asString()).isEqualTo(userId.toString());
        assertThat(response.body()).doesNotContain(token).doesNotContainIgnoringCase("passwordHash");

        // a ConnectNow session like any other: listed with its device, refreshable, revocable
        ApiClient me = api.as(accessToken);
        JsonNode sessions = me.get("/api/auth/sessions").json();
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.get(0).get("userAgent").asString()).isEqualTo("Firefox/140");
        assertThat(sessions.get(0).get("ipAddress").asString()).isEqualTo("198.51.100.40");
        ApiClient.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", refreshToken));
        assertThat(refreshed.status()).isEqualTo(200);
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", refreshToken)), 401);
        assertProblem(me.get("/api/users/me"), 401); // reuse revoked the session

        // no password: password login and password change are refused
        assertProblem(
                api.withHeader("X-Forwarded-For", Accounts.freshAddress())
                        .post(
                                "/api/auth/login",
                                Map.of("login", user.get("username").asString(), "password", "anything at all 1")),
                401);
        String again = provider.sign(
                "keycloak", provider.idTokenClaims("keycloak", subject).build());
        ApiClient.Response second = exchange(
                Map.of("grant_type", GRANT, "subject_token", again, "subject_token_type", ID_TOKEN),
                "Phone",
                "198.51.100.41");
        assertThat(second.status()).as("%s", second).isEqualTo(200);
        assertThat(second.text("/user/id")).isEqualTo(userId.toString());
        ApiClient mine = api.as(second.text("accessToken"));
        JsonNode refused = assertProblem(
                mine.put(
                        "/api/users/me/password",
                        Map.of("currentPassword", "whatever it is", "newPassword", "a brand new passphrase")),
                409);
        assertThat(refused.get("detail").asString()).containsIgnoringCase("no password");
        JsonNode identities = mine.get("/api/users/me/identities").json();
        assertThat(identities.size()).isEqualTo(1);
        assertThat(identities.get(0).get("provider").asString()).isEqualTo("keycloak");
        assertThat(identities.get(0).get("issuer").asString()).isEqualTo(provider.issuer("keycloak"));
        assertThat(identities.get(0).get("subject").asString()).isEqualTo(subject);
        assertThat(identities.get(0).get("email").asString()).isEqualTo(email);
        assertThat(jdbc.queryForObject(
                        "select count(*) from users where id = ? and password_hash is null", Integer.class, userId))
                .isEqualTo(1);

        // user.registered once (the second sign-in is no registration)
        List<EventCollector.Received> registered =
                events.await(r -> r.is("user.registered", userId), 1, Duration.ofSeconds(30));
        assertThat(registered).hasSize(1);
        assertThat(registered.get(0).data().get("username").asString())
                .isEqualTo(user.get("username").asString());
        assertThat(registered.get(0).value()).doesNotContain(email);
        assertThat(events.drain(r -> r.is("user.registered", userId), Duration.ofSeconds(1)))
                .hasSize(1);
    }

    @Test
    void usernamesAreMadeValidAndUniqueAndUnverifiedAddressesAreNotKept() {
        String shared = "Taken Name!" + UUID.randomUUID().toString().substring(0, 6);
        ApiClient.Response first = signIn("partner", claims -> claims.claim("preferred_username", shared));
        ApiClient.Response second = signIn(
                "partner",
                claims -> claims.claim("preferred_username", shared)
                        .claim("given_name", "Ada")
                        .claim("family_name", "Lovelace")
                        .claim("email", "ada." + UUID.randomUUID() + "@example.org")
                        .claim("email_verified", false));
        ApiClient.Response tiny = signIn("partner", claims -> claims.claim("preferred_username", "\u0000x"));

        String base = shared.toLowerCase().replace(" ", "_").replace("!", "_");
        assertThat(first.text("/user/username")).isEqualTo(base);
        assertThat(second.text("/user/username")).isEqualTo(base + "-2");
        assertThat(second.text("/user/displayName")).isEqualTo("Ada Lovelace");
        assertThat(second.json().get("user").get("email").isNull())
                .as("an unverified address is not kept")
                .isTrue();
        assertThat(second.json().get("user").get("emailVerified").asBoolean()).isFalse();
        assertThat(tiny.text("/user/username")).matches("user(-.+)?");
        assertThat(tiny.text("/user/displayName")).isEqualTo("x");
    }

    @Test
    void concurrentFirstSignInsOfOneIdentityMakeOneAccount() throws Exception {
        String subject = UUID.randomUUID().toString();
        List<String> tokens = IntStream.range(0, 4)
                .mapToObj(i -> provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", subject)
                                .claim("preferred_username", "racer")
                                .build()))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (String token : tokens) {
                answers.add(pool.submit(() -> exchange(
                        Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", ID_TOKEN),
                        "Racer",
                        Accounts.freshAddress())));
            }
            List<String> userIds = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get();
                assertThat(response.status()).as("%s", response).isEqualTo(200);
                userIds.add(response.text("/user/id"));
            }
            assertThat(userIds).hasSize(4).containsOnly(userIds.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("external_identities where subject = '" + subject + "'"))
                .isEqualTo(1);
    }

    @Test
    void exchangedTokensAreRememberedUntilTheyExpireThenForgotten() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        String token = provider.sign(
                "keycloak",
                provider.idTokenClaims("keycloak", UUID.randomUUID().toString())
                        .expirationTime(Date.from(expiresAt))
                        .build());
        int before = count("exchanged_subject_tokens");
        assertThat(exchange(
                                Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", ID_TOKEN),
                                "Web",
                                Accounts.freshAddress())
                        .status())
                .isEqualTo(200);
        assertThat(count("exchanged_subject_tokens")).isEqualTo(before + 1);
        byte[] fingerprint = MessageDigest.getInstance("SHA-256")
                .digest(SignedJWT.parse(token).getPayload().toBytes());
        assertThat(jdbc.queryForObject(
                                "select expires_at from exchanged_subject_tokens where fingerprint = ?",
                                Timestamp.class,
                                fingerprint)
                        .toInstant())
                .as("remembered until exp plus the clock skew")
                .isEqualTo(expiresAt.plusSeconds(30));

        jdbc.update("update exchanged_subject_tokens set expires_at = now() - interval '1 second'");
        exchangedTokens.purgeExpired();
        assertThat(count("exchanged_subject_tokens")).isZero();
    }

    @Test
    void accessTokensAreAcceptedForAnAcceptedAudienceOrAuthorizedPartyAsFormOrJson() {
        String forMobile = provider.sign(
                "keycloak",
                provider.idTokenClaims("keycloak", UUID.randomUUID().toString())
                        .audience("connectnow-mobile")
                        .claim("azp", null)
                        .claim("typ", "Bearer")
                        .build());
        ApiClient.Response json = api.post(
                "/api/auth/token",
                Map.of("grant_type", GRANT, "subject_token", forMobile, "subject_token_type", ACCESS_TOKEN));
        assertThat(json.status()).as("%s", json).isEqualTo(200);

        // Keycloak's usual access token: audience "account", issued to our client (azp), RFC 9068 header
        String keycloakStyle = provider.sign(
                "keycloak",
                provider.idTokenClaims("keycloak", UUID.randomUUID().toString())
                        .audience("account")
                        .claim("typ", "Bearer")
                        .claim("scope", "openid profile email")
                        .build(),
                header -> header.type(new JOSEObjectType("at+jwt")));
        ApiClient.Response form = exchange(
                Map.of("grant_type", GRANT, "subject_token", keycloakStyle, "subject_token_type", ACCESS_TOKEN),
                "Web",
                Accounts.freshAddress());
        assertThat(form.status()).as("%s", form).isEqualTo(200);
        assertThat(form.text("/user/id")).isNotEqualTo(json.text("/user/id"));
    }

    // ---------------------------------------------------------------- linking rules

    @Test
    void aTrustedProvidersVerifiedAddressSignsIntoTheExistingAccount() {
        Account alice = accounts.register();

        ApiClient.Response response = signIn(
                "keycloak",
                claims -> claims.claim("email", alice.email().toUpperCase()).claim("email_verified", true));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.text("/user/id")).isEqualTo(alice.id().toString());
        JsonNode identities =
                api.as(alice.accessToken()).get("/api/users/me/identities").json();
        assertThat(identities.size()).isEqualTo(1);
        assertThat(identities.get(0).get("provider").asString()).isEqualTo("keycloak");
        // the password still works too
        assertThat(accounts.login(alice, "Laptop", Accounts.freshAddress()).id())
                .isEqualTo(alice.id());
    }

    @Test
    void anUntrustedOrUnverifiedAddressOfAnExistingAccountIsAConflictThatChangesNothing() {
        Account bob = accounts.register();
        int usersBefore = count("users");
        int identitiesBefore = count("external_identities");

        JsonNode untrusted = assertProblem(
                signIn("partner", claims -> claims.claim("email", bob.email()).claim("email_verified", true)), 409);
        JsonNode unverified = assertProblem(
                signIn("keycloak", claims -> claims.claim("email", bob.email()).claim("email_verified", false)), 409);
        JsonNode unverifiedString = assertProblem(
                signIn("keycloak", claims -> claims.claim("email", bob.email()).claim("email_verified", "true")), 409);

        for (JsonNode problem : List.of(untrusted, unverified, unverifiedString)) {
            assertThat(problem.get("detail").asString())
                    .contains("Sign in to it")
                    .contains("link");
        }
        assertThat(untrusted.get("provider").asString()).isEqualTo("partner");
        assertThat(count("users")).isEqualTo(usersBefore);
        assertThat(count("external_identities")).isEqualTo(identitiesBefore);
        assertThat(count("sessions where user_id = '" + bob.id() + "'")).isEqualTo(1);
    }

    @Test
    void identitiesAreLinkedExplicitlyListedAndNeverAllUnlinked() {
        Account bob = accounts.register();
        ApiClient asBob = api.as(bob.accessToken());
        String partnerSubject = UUID.randomUUID().toString();

        ApiClient.Response linked = asBob.post(
                "/api/users/me/identities",
                Map.of(
                        "subjectToken",
                        provider.sign(
                                "partner",
                                provider.idTokenClaims("partner", partnerSubject)
                                        .claim("email", bob.email())
                                        .claim("email_verified", true)
                                        .build()),
                        "subjectTokenType",
                        ID_TOKEN));
        assertThat(linked.status()).as("%s", linked).isEqualTo(201);
        assertThat(linked.text("provider")).isEqualTo("partner");
        assertThat(linked.text("subject")).isEqualTo(partnerSubject);
        String identityId = linked.text("id");

        // now the partner account signs into bob's account
        ApiClient.Response viaPartner = signIn("partner", partnerSubject, claims -> claims);
        assertThat(viaPartner.text("/user/id")).isEqualTo(bob.id().toString());
        // linking the same identity again is fine (200), another identity of the same provider is not
        assertThat(asBob.post("/api/users/me/identities", linkBody("partner", partnerSubject))
                        .status())
                .isEqualTo(200);
        assertProblem(
                asBob.post(
                        "/api/users/me/identities",
                        linkBody("partner", UUID.randomUUID().toString())),
                409);
        // an identity linked to someone else stays theirs
        Account carol = accounts.register();
        assertProblem(
                api.as(carol.accessToken()).post("/api/users/me/identities", linkBody("partner", partnerSubject)), 409);
        assertFieldErrors(
                asBob.post(
                        "/api/users/me/identities",
                        Map.of("subjectToken", "not a token", "subjectTokenType", ID_TOKEN)),
                "subjectToken");
        assertFieldErrors(
                asBob.post(
                        "/api/users/me/identities",
                        Map.of(
                                "subjectToken",
                                linkBody("partner", "x").get("subjectToken"),
                                "subjectTokenType",
                                "jwt")),
                "subjectTokenType");
        assertFieldErrors(asBob.post("/api/users/me/identities", Map.of("subjectTokenType", ID_TOKEN)), "subjectToken");
        assertProblem(
                api.post(
                        "/api/users/me/identities",
                        linkBody("partner", UUID.randomUUID().toString())),
                401);

        // someone else's identity is not found; bob has a password, so his only identity may go
        assertProblem(api.as(carol.accessToken()).delete("/api/users/me/identities/" + identityId), 404);
        assertThat(asBob.delete("/api/users/me/identities/" + identityId).status())
                .isEqualTo(204);
        assertThat(asBob.get("/api/users/me/identities").json().size()).isZero();

        // a password-less account keeps its last identity
        String ssoSubject = UUID.randomUUID().toString();
        ApiClient.Response sso = signIn("keycloak", ssoSubject, claims -> claims);
        ApiClient asSso = api.as(sso.text("accessToken"));
        String first =
                asSso.get("/api/users/me/identities").json().get(0).get("id").asString();
        JsonNode last = assertProblem(asSso.delete("/api/users/me/identities/" + first), 409);
        assertThat(last.get("detail").asString()).contains("only way to sign in");
        String second = asSso.post(
                        "/api/users/me/identities",
                        linkBody("partner", UUID.randomUUID().toString()))
                .text("id");
        assertThat(asSso.delete("/api/users/me/identities/" + first).status()).isEqualTo(204);
        assertProblem(asSso.delete("/api/users/me/identities/" + second), 409);
        assertThat(asSso.get("/api/users/me/identities").json().size()).isEqualTo(1);
    }

    @Test
    void bannedAccountsCannotSignInThroughAProvider() {
        String subject = UUID.randomUUID().toString();
        ApiClient.Response first = signIn("keycloak", subject, claims -> claims);
        UUID userId = UUID.fromString(first.text("/user/id"));
        jdbc.update("update users set is_banned = true where id = ?", userId);

        JsonNode banned = assertProblem(signIn("keycloak", subject, claims -> claims), 403);
        assertThat(banned.get("detail").asString()).containsIgnoringCase("banned");
        assertProblem(api.as(first.text("accessToken")).get("/api/users/me"), 401);
    }

    // ---------------------------------------------------------------- refusals (S25)

    @Test
    void everyRefusedProviderTokenGetsTheSameAnswerAndChangesNothing() throws Exception {
        String sub = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(
                "unknown issuer",
                provider.sign("unknown", provider.idTokenClaims("unknown", sub).build()));
        refused.put(
                "issuer spelled differently",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub)
                                .issuer(provider.issuer("keycloak") + "/")
                                .build()));
        refused.put(
                "other audience",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub)
                                .audience("someone-else")
                                .claim("azp", "someone-else")
                                .build()));
        refused.put(
                "our audience but authorized to another party",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub)
                                .claim("azp", "someone-else")
                                .build()));
        refused.put(
                "several audiences and no azp",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub)
                                .audience(List.of(WEB_CLIENT, "someone-else"))
                                .claim("azp", null)
                                .build()));
        refused.put(
                "expired beyond the skew",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub)
                                .issueTime(Date.from(now.minusSeconds(600)))
                                .notBeforeTime(Date.from(now.minusSeconds(600)))
                                .expirationTime(Date.from(now.minusSeconds(60)))
                                .build()));
        refused.put(
                "no expiry",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub)
                                .expirationTime(null)
                                .build()));
        refused.put(
                "not yet valid",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub)
                                .notBeforeTime(Date.from(now.plusSeconds(600)))
                                .build()));
        refused.put(
                "no subject",
                provider.sign(
                        "keycloak", provider.idTokenClaims("keycloak", null).build()));
        String good = provider.sign(
                "keycloak", provider.idTokenClaims("keycloak", sub).build());
        String[] parts = good.split("\\.");
        String tamperedClaims = Base64URL.encode(provider.idTokenClaims("keycloak", "someone-else")
                        .build()
                        .toString())
                .toString();
        refused.put("tampered payload", parts[0] + "." + tamperedClaims + "." + parts[2]);
        refused.put(
                "signed by a foreign key under the provider's key id",
                OidcTestProvider.sign(
                        OidcTestProvider.newKey(),
                        provider.idTokenClaims("keycloak", sub).build(),
                        header -> header.keyID(provider.currentKey("keycloak").getKeyID())));
        RSAKey attacker = OidcTestProvider.newKey();
        refused.put(
                "foreign key embedded as jwk header",
                OidcTestProvider.sign(
                        attacker,
                        provider.idTokenClaims("keycloak", sub).build(),
                        header -> header.jwk(attacker.toPublicJWK())));
        refused.put(
                "alg none", unsecured(provider.idTokenClaims("keycloak", sub).build()));
        refused.put(
                "HS256 with the provider's public key",
                hmacWithPublicKey(provider.idTokenClaims("keycloak", sub).build()));
        refused.put(
                "access token declared as ID token (RFC 9068 header)",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub).build(),
                        header -> header.type(new JOSEObjectType("at+jwt"))));
        refused.put(
                "Keycloak refresh token",
                provider.sign(
                        "keycloak",
                        provider.idTokenClaims("keycloak", sub)
                                .claim("typ", "Refresh")
                                .build()));
        refused.put("not a JWT", "definitely-not-a-token");
        refused.put("oversized", "a".repeat(20_000));

        int usersBefore = count("users");
        List<String> details = new ArrayList<>();
        refused.forEach((what, token) -> {
            ApiClient.Response response = exchange(
                    Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", ID_TOKEN),
                    "Attacker",
                    Accounts.freshAddress());
            JsonNode problem = assertProblem(response, 401);
            details.add(problem.get("detail").asString());
            assertThat(problem.get("error").asString()).as(what).isEqualTo("invalid_request");
            assertThat(response.body())
                    .as(what)
                    .doesNotContainIgnoringCase("expired")
                    .doesNotContainIgnoringCase("signature")
                    .doesNotContainIgnoringCase("audience")
                    .doesNotContainIgnoringCase("issuer");
        });
        // an ID token declared as an access token (Keycloak marks its type)
        String idToken = provider.sign(
                "keycloak",
                provider.idTokenClaims("keycloak", sub).claim("typ", "ID").build());
        details.add(assertProblem(
                        exchange(
                                Map.of(
                                        "grant_type",
                                        GRANT,
                                        "subject_token",
                                        idToken,
                                        "subject_token_type",
                                        ACCESS_TOKEN),
                                "Attacker",
                                Accounts.freshAddress()),
                        401)
                .get("detail")
                .asString());
        assertThat(details).containsOnly(SingleSignOnService.NOT_ACCEPTED);
        assertThat(count("users")).isEqualTo(usersBefore);

        // the same token twice: the replay window refuses the second exchange
        String once = provider.sign(
                "keycloak", provider.idTokenClaims("keycloak", sub).build());
        Map<String, String> request =
                Map.of("grant_type", GRANT, "subject_token", once, "subject_token_type", ID_TOKEN);
        assertThat(exchange(request, "Web", Accounts.freshAddress()).status()).isEqualTo(200);
        assertThat(assertProblem(exchange(request, "Replay", Accounts.freshAddress()), 401)
                        .get("detail")
                        .asString())
                .isEqualTo(SingleSignOnService.NOT_ACCEPTED);

        // a provider token is never a ConnectNow access token
        assertProblem(api.as(once).get("/api/users/me"), 401);
    }

    @Test
    void malformedExchangeRequestsAre400WithAnOAuthErrorCode() {
        String token = provider.sign(
                "keycloak", provider.idTokenClaims("keycloak", "s").build());
        Map<String, Map<String, String>> invalid = new LinkedHashMap<>();
        invalid.put("grant_type", Map.of("subject_token", token, "subject_token_type", ID_TOKEN));
        invalid.put("subject_token", Map.of("grant_type", GRANT, "subject_token_type", ID_TOKEN));
        invalid.put(
                "subject_token_type",
                Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", "urn:x:saml2"));
        invalid.put(
                "actor_token",
                Map.of(
                        "grant_type", GRANT,
                        "subject_token", token,
                        "subject_token_type", ID_TOKEN,
                        "actor_token", token));
        invalid.put(
                "requested_token_type",
                Map.of(
                        "grant_type", GRANT,
                        "subject_token", token,
                        "subject_token_type", ID_TOKEN,
                        "requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token"));
        invalid.forEach((field, form) -> {
            JsonNode problem = assertFieldErrors(exchange(form, "Web", Accounts.freshAddress()), field);
            assertThat(problem.get("error").asString()).isEqualTo("invalid_request");
        });
        JsonNode unsupported = assertFieldErrors(
                exchange(
                        Map.of("grant_type", "password", "subject_token", token, "subject_token_type", ID_TOKEN),
                        "Web",
                        Accounts.freshAddress()),
                "grant_type");
        assertThat(unsupported.get("error").asString()).isEqualTo("unsupported_grant_type");

        assertProblem(
                send(
                        "/api/auth/token?subject_token=" + token,
                        "application/x-www-form-urlencoded",
                        form(Map.of("grant_type", GRANT, "subject_token_type", ID_TOKEN))),
                400);
        assertFieldErrors(
                send(
                        "/api/auth/token",
                        "application/x-www-form-urlencoded",
                        form(Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", ID_TOKEN))
                                + "&subject_token=" + token),
                "subject_token");
        assertFieldErrors(
                api.post(
                        "/api/auth/token",
                        Map.of("grant_type", GRANT, "subject_token", token, "subjectTokenType", ID_TOKEN)),
                "subjectTokenType");
        assertProblem(send("/api/auth/token", "text/plain", "hello"), 415);
        // none of these spent the token
        assertThat(exchange(
                                Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", ID_TOKEN),
                                "Web",
                                Accounts.freshAddress())
                        .status())
                .isEqualTo(200);
    }

    // ---------------------------------------------------------------- keys and availability

    @Test
    void rotatedKeysAreFetchedOnceAndUnknownKeyIdsCannotHammerTheProvider() {
        assertThat(signIn("rotating", claims -> claims).status()).isEqualTo(200);
        provider.takeRequestPaths();
        assertThat(signIn("rotating", claims -> claims).status()).isEqualTo(200);
        assertThat(jwksFetches("rotating")).as("keys are cached").isZero();

        String oldKeyToken = provider.sign(
                "rotating", provider.idTokenClaims("rotating", "old").build());
        provider.rotateKey("rotating");
        // tokens signed with the new key are accepted as soon as the rate limit allows one refresh
        Await.until(
                "a token signed with the new key is accepted",
                () -> signIn("rotating", claims -> claims).status() == 200);
        assertThat(jwksFetches("rotating")).as("one refresh for the new key id").isEqualTo(1);

        // forged key ids arriving together: all refused, and at most one refresh per interval (2 s)
        RSAKey forger = OidcTestProvider.newKey();
        List<String> forged = IntStream.range(0, 8)
                .mapToObj(i -> OidcTestProvider.sign(
                        forger,
                        provider.idTokenClaims("rotating", "forger").build(),
                        header -> header.keyID(UUID.randomUUID().toString())))
                .toList();
        long started = System.nanoTime();
        List<Integer> statuses = forged.parallelStream()
                .map(token -> exchange(
                                Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", ID_TOKEN),
                                "Forger",
                                Accounts.freshAddress())
                        .status())
                .toList();
        long intervals = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 2;
        assertThat(statuses).containsOnly(401);
        assertThat(jwksFetches("rotating")).isLessThanOrEqualTo(1 + intervals);
        // the retired key is no longer published, so its tokens are refused
        assertProblem(
                exchange(
                        Map.of("grant_type", GRANT, "subject_token", oldKeyToken, "subject_token_type", ID_TOKEN),
                        "Web",
                        Accounts.freshAddress()),
                401);
    }

    @Test
    void anUnreachableProviderIsA503WithRetryAfterNeverAHang() throws IOException {
        for (String unreachable : List.of("down", "silent", "silent")) {
            ApiClient.Response response = signIn(unreachable, claims -> claims);
            JsonNode problem = assertProblem(response, 503);
            assertThat(problem.get("provider").asString()).isEqualTo(unreachable);
            assertThat(response.header("Retry-After"))
                    .hasValueSatisfying(
                            seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
        }

        // a provider that goes down and comes back: 503 while down, then sign-ins work again
        flakyProxy.disable();
        assertProblem(signIn("flaky", claims -> claims), 503);
        flakyProxy.enable();
        Await.until(
                "sign-ins work again", () -> signIn("flaky", claims -> claims).status() == 200);
        // once its keys are known, an outage does not stop sign-ins with them
        flakyProxy.disable();
        assertThat(signIn("flaky", claims -> claims).status()).isEqualTo(200);
        flakyProxy.enable();
    }

    // ---------------------------------------------------------------- helpers

    private ApiClient.Response signIn(String providerId, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return signIn(providerId, UUID.randomUUID().toString(), claims);
    }

    private ApiClient.Response signIn(String providerId, String subject, UnaryOperator<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = provider.idTokenClaims(providerId, subject);
        if (providerId.equals("flaky")) {
            builder.issuer(flakyIssuer());
        } else if (providerId.equals("down") || providerId.equals("silent")) {
            builder.issuer(
                    providerId.equals("down")
                            ? "http://127.0.0.1:" + closedPort + "/down"
                            : "http://127.0.0.1:" + silent.getLocalPort() + "/silent");
        }
        String token = provider.sign(providerId, claims.apply(builder).build());
        return exchange(
                Map.of("grant_type", GRANT, "subject_token", token, "subject_token_type", ID_TOKEN),
                "Web",
                Accounts.freshAddress());
    }

    private Map<String, String> linkBody(String providerId, String subject) {
        return Map.of(
                "subjectToken",
                provider.sign(
                        providerId, provider.idTokenClaims(providerId, subject).build()),
                "subjectTokenType",
                ID_TOKEN);
    }

    private static String flakyIssuer() {
        return "http://" + flakyProxy.address() + "/flaky";
    }

    private long jwksFetches(String providerId) {
        return provider.takeRequestPaths().stream()
                .filter(path -> path.equals("/" + providerId + "/jwks"))
                .count();
    }

    private int count(String tableAndCondition) {
        return jdbc.queryForObject("select count(*) from " + tableAndCondition, Integer.class);
    }

    private ApiClient.Response exchange(Map<String, String> params, String userAgent, String address) {
        return send(
                "/api/auth/token",
                "application/x-www-form-urlencoded",
                form(params),
                "User-Agent",
                userAgent,
                "X-Forwarded-For",
                address);
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private ApiClient.Response send(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(
                    response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unsecured(JWTClaimsSet claims) {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Base64URL.encode(claims.toString()) + ".";
    }

    private String hmacWithPublicKey(JWTClaimsSet claims) throws Exception {
        byte[] secret =
                provider.currentKey("keycloak").toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(provider.currentKey("keycloak").getKeyID())
                        .build(),
                claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }
}
