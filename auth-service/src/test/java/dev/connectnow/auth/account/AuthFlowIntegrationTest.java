package dev.connectnow.auth.account;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.auth.support.Accounts;
import dev.connectnow.auth.support.Accounts.Account;
import dev.connectnow.events.Topics;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The auth table of the API contract, end to end against a real PostgreSQL: register, login, refresh with
 * rotation and reuse detection (S9), logout and session management (S10), password rules and hashing
 * (S12, S13), duplicates (409) and input validation.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "connectnow.auth.max-sessions-per-user=4")
class AuthFlowIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Accounts accounts;
    ApiClient api;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(port);
        api = accounts.api();
    }

    // ---------------------------------------------------------------- register

    @Test
    void registerAnswersWithOwnProfileAndTokens() {
        String username = Accounts.uniqueUsername("Reg.");
        ApiClient.Response response = api.withHeader("X-Forwarded-For", Accounts.freshAddress())
                .post(
                        "/api/auth/register",
                        Map.of(
                                "email",
                                username + "@Example.COM",
                                "username",
                                username,
                                "password",
                                Accounts.PASSWORD,
                                "displayName",
                                "Ada 🚀"));

        assertThat(response.status()).as("%s", response).isEqualTo(201);
        JsonNode body = response.json();
        JsonNode user = body.get("user");
        assertThat(fieldNames(user))
                .containsExactlyInAnyOrder(
                        "id",
                        "email",
                        "username",
                        "displayName",
                        "avatarUrl",
                        "bio",
                        "emailVerified",
                        "createdAt",
                        "lastLoginAt");
        assertThat(user.get("username").asString()).isEqualTo(username.toLowerCase());
        assertThat(user.get("email").asString()).isEqualTo(username + "@Example.COM");
        assertThat(user.get("displayName").asString()).isEqualTo("Ada 🚀");
        assertThat(user.get("emailVerified").asBoolean()).isFalse();
        assertThat(user.get("avatarUrl").isNull()).isTrue();
        assertThat(user.get("lastLoginAt").isNull()).isFalse();
        assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(body.get("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");

        String token = body.get("accessToken").asString();
        JsonNode header = Accounts.header(token);
        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(header.get("kid").asString()).isNotBlank();
        JsonNode claims = Accounts.claims(token);
        assertThat(claims.get("iss").asString()).isEqualTo("connectnow");
        assertThat(claims.get("aud").toString()).contains("connectnow");
        assertThat(claims.get("sub").asString()).isEqualTo(user.get("id").asString());
        assertThat(claims.get("preferred_username").asString()).isEqualTo(username.toLowerCase());
        assertThat(UUID.fromString(claims.get("sid").asString())).isNotNull();
        assertThat(claims.get("jti").asString()).isNotBlank();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);
        assertThat(response.body())
                .doesNotContainIgnoringCase("passwordHash")
                .doesNotContain(Accounts.PASSWORD)
                .doesNotContain("argon2");

        // the new token works at once
        ApiClient.Response me = api.as(token).get("/api/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(user.get("id").asString());
    }

    @Test
    void registerValidatesEveryField() {
        String username = Accounts.uniqueUsername("val");
        Map<String, Object> valid = Map.of(
                "email",
                username + "@example.com",
                "username",
                username,
                "password",
                Accounts.PASSWORD,
                "displayName",
                "Val");

        assertFieldErrors(register(with(valid, "email", "not-an-email")), "email");
        assertFieldErrors(register(with(valid, "email", "a@b")), "email");
        assertFieldErrors(register(with(valid, "email", "x".repeat(250) + "@example.com")), "email");
        assertFieldErrors(register(with(valid, "username", "ab")), "username");
        assertFieldErrors(register(with(valid, "username", "x".repeat(33))), "username");
        assertFieldErrors(register(with(valid, "username", "has space")), "username");
        assertFieldErrors(register(with(valid, "username", "\u212Aelvin")), "username"); // Kelvin sign
        assertFieldErrors(register(with(valid, "displayName", "")), "displayName");
        assertFieldErrors(register(with(valid, "displayName", "   ")), "displayName");
        assertFieldErrors(register(with(valid, "displayName", "😀".repeat(65))), "displayName");
        Map<String, Object> missing = new java.util.HashMap<>(valid);
        missing.remove("displayName");
        assertFieldErrors(register(missing), "displayName");
        assertFieldErrors(register(with(valid, "role", "ADMIN")), "role");
        assertProblem(register("{\"email\": "), 400);
        assertProblem(
                register("{\"email\":\"a\\u0000b@example.com\",\"username\":\"" + username + "\",\"password\":\""
                        + Accounts.PASSWORD + "\",\"displayName\":\"x\"}"),
                400);
        assertProblem(register("{\"displayName\":\"" + "x".repeat(300 * 1024) + "\"}"), 413);

        // 64 emoji are 64 characters: accepted
        assertThat(register(with(valid, "displayName", "😀".repeat(64))).status())
                .isEqualTo(201);
    }

    @Test
    void duplicateEmailOrUsernameIsAConflictNamingTheField() {
        Account existing = accounts.register();

        JsonNode emailTaken = assertProblem(
                register(Map.of(
                        "email",
                        existing.email().toUpperCase(),
                        "username",
                        Accounts.uniqueUsername("dup"),
                        "password",
                        Accounts.PASSWORD,
                        "displayName",
                        "D")),
                409);
        assertThat(emailTaken.get("field").asString()).isEqualTo("email");

        JsonNode usernameTaken = assertProblem(
                register(Map.of(
                        "email",
                        Accounts.uniqueUsername("dup") + "@example.com",
                        "username",
                        existing.username().toUpperCase(),
                        "password",
                        Accounts.PASSWORD,
                        "displayName",
                        "D")),
                409);
        assertThat(usernameTaken.get("field").asString()).isEqualTo("username");
    }

    @Test
    void concurrentRegistrationsOfOneUsernameYieldExactlyOneAccount() throws Exception {
        String username = Accounts.uniqueUsername("race");
        int contenders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String email = "race" + i + "-" + username + "@example.com";
                String spelling = i % 2 == 0 ? username : username.toUpperCase();
                calls.add(() -> register(Map.of(
                                "email",
                                email,
                                "username",
                                spelling,
                                "password",
                                Accounts.PASSWORD,
                                "displayName",
                                "R"))
                        .status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from users where username = ?", Integer.class, username))
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- passwords (S12, S13)

    @Test
    void passwordRulesCountCodePointsAndRefuseCommonPasswords() {
        assertFieldErrors(registerWithPassword("Abc1234"), "password"); // 7 characters
        assertFieldErrors(registerWithPassword("password123"), "password");
        assertFieldErrors(registerWithPassword("PassWord123"), "password"); // case does not help
        assertFieldErrors(registerWithPassword("x".repeat(129)), "password");
        assertThat(registerWithPassword("Tr0ub4dor&3-" + "long".repeat(14)).status())
                .isEqualTo(201); // 68 characters
        String emoji = "😀🔥🎉🚀💡🌍🍕🎸🐙🦄😀🔥🎉🚀💡🌍🍕🎸🐙🦄"; // 20 emoji = 80 UTF-8 bytes
        assertThat(emoji.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(80);
        ApiClient.Response withEmoji = registerWithPassword(emoji);
        assertThat(withEmoji.status()).isEqualTo(201);
        // and the emoji password signs in again, byte for byte
        assertThat(api.post(
                                "/api/auth/login",
                                Map.of(
                                        "login",
                                        withEmoji
                                                .json()
                                                .get("user")
                                                .get("username")
                                                .asString(),
                                        "password",
                                        emoji))
                        .status())
                .isEqualTo(200);

        String username = Accounts.uniqueUsername("same");
        assertFieldErrors(
                register(Map.of(
                        "email",
                        username + "@example.com",
                        "username",
                        username,
                        "password",
                        username.toUpperCase(),
                        "displayName",
                        "S")),
                "password");
    }

    @Test
    void storedHashIsArgon2idWithOwaspParameters() {
        Account account = accounts.register();
        String hash = jdbc.queryForObject("select password_hash from users where id = ?", String.class, account.id());

        Matcher m = Pattern.compile(
                        "^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$")
                .matcher(hash);
        assertThat(m.matches()).as(hash).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(Integer.parseInt(m.group(2))).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(m.group(3))).isEqualTo(1);
        assertThat(Base64.getDecoder().decode(pad(m.group(4)))).hasSize(16);
        assertThat(Base64.getDecoder().decode(pad(m.group(5)))).hasSize(32);
        assertThat(hash).isEqualTo(hash.trim()).doesNotContain(Accounts.PASSWORD);
    }

    // ---------------------------------------------------------------- login

    @Test
    void loginWithUsernameOrEmailInAnyCase() {
        Account account = accounts.register();

        ApiClient.Response byUsername = api.post(
                "/api/auth/login", Map.of("login", account.username().toUpperCase(), "password", Accounts.PASSWORD));
        assertThat(byUsername.status()).as("%s", byUsername).isEqualTo(200);
        assertThat(fieldNames(byUsername.json()))
                .containsExactlyInAnyOrder("user", "accessToken", "refreshToken", "expiresIn");
        assertThat(byUsername.json().get("user").get("id").asString())
                .isEqualTo(account.id().toString());

        ApiClient.Response byEmail = api.post(
                "/api/auth/login",
                Map.of("login", " " + account.email().toUpperCase() + " ", "password", Accounts.PASSWORD));
        assertThat(byEmail.status()).as("%s", byEmail).isEqualTo(200);
        // each login is its own device session
        assertThat(Accounts.claims(byEmail.text("accessToken")).get("sid").asString())
                .isNotEqualTo(Accounts.claims(byUsername.text("accessToken"))
                        .get("sid")
                        .asString());
        assertThat(jdbc.queryForObject("select count(*) from sessions where user_id = ?", Integer.class, account.id()))
                .isEqualTo(3);
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSame401() {
        Account account = accounts.register();

        JsonNode wrong = assertProblem(
                api.withHeader("X-Forwarded-For", Accounts.freshAddress())
                        .post("/api/auth/login", Map.of("login", account.username(), "password", "not the password")),
                401);
        JsonNode unknown = assertProblem(
                api.withHeader("X-Forwarded-For", Accounts.freshAddress())
                        .post(
                                "/api/auth/login",
                                Map.of("login", "nobody-" + account.username(), "password", "whatever1")),
                401);
        assertThat(wrong.get("detail").asString())
                .isEqualTo(unknown.get("detail").asString());
        assertFieldErrors(api.post("/api/auth/login", Map.of("login", "", "password", "x")), "login");
        assertFieldErrors(api.post("/api/auth/login", "{\"login\":\"someone\"}"), "password");
    }

    @Test
    void loginRecordsLastLoginAndTheDeviceOnTheSession() {
        Account account = accounts.register();
        jdbc.update("update users set last_login_at = now() - interval '1 day' where id = ?", account.id());

        Account device = accounts.login(account, "ConnectNow-Test/1.0 " + "x".repeat(600), "198.51.100.23");

        Map<String, Object> session =
                jdbc.queryForMap("select user_agent, ip_address from sessions where id = ?", device.sessionId());
        assertThat((String) session.get("user_agent"))
                .startsWith("ConnectNow-Test/1.0")
                .hasSize(512);
        assertThat(session.get("ip_address")).isEqualTo("198.51.100.23");
        assertThat(jdbc.queryForObject(
                        "select last_login_at > now() - interval '1 minute' from users where id = ?",
                        Boolean.class,
                        account.id()))
                .isTrue();
    }

    // ---------------------------------------------------------------- refresh (S9)

    @Test
    void refreshRotatesAndReuseOfASpentTokenRevokesTheSession() {
        Account account = accounts.register();
        String rt1 = account.refreshToken();

        ApiClient.Response first = api.post("/api/auth/refresh", Map.of("refreshToken", rt1));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        String rt2 = first.text("refreshToken");
        String at2 = first.text("accessToken");
        assertThat(rt2).isNotEqualTo(rt1);
        assertThat(Accounts.claims(at2).get("sid").asString())
                .isEqualTo(account.sessionId().toString());
        assertThat(first.json().get("user").get("id").asString())
                .isEqualTo(account.id().toString());
        assertThat(api.as(at2).get("/api/users/me").status()).isEqualTo(200);

        // RT1 again: refused, and the session is revoked, so RT2 and the access tokens die with it
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", rt1)), 401);
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", rt2)), 401);
        assertProblem(api.as(at2).get("/api/users/me"), 401);
        assertThat(jdbc.queryForObject(
                        "select revoke_reason from sessions where id = ?", String.class, account.sessionId()))
                .isEqualTo("refresh_token_reused");
        // only hashes are stored
        assertThat(jdbc.queryForObject(
                        "select count(*) from sessions where refresh_token_hash = convert_to(?, 'UTF8')",
                        Integer.class,
                        rt2))
                .isZero();
    }

    @Test
    void refreshSlidesTheSessionAndIgnoresAStaleAccessTokenSentAlong() {
        Account account = accounts.register();
        jdbc.update(
                "update sessions set last_active_at = now() - interval '1 hour', "
                        + "expires_at = now() + interval '1 day' where id = ?",
                account.sessionId());

        ApiClient.Response refreshed = api.as("stale.or.garbage-token")
                .withHeader("User-Agent", "Phone/2")
                .post("/api/auth/refresh", Map.of("refreshToken", account.refreshToken()));

        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        Map<String, Object> session = jdbc.queryForMap(
                "select last_active_at > now() - interval '1 minute' as fresh, "
                        + "expires_at > now() + interval '29 days' as slid, user_agent from sessions where id = ?",
                account.sessionId());
        assertThat(session.get("fresh")).isEqualTo(true);
        assertThat(session.get("slid")).isEqualTo(true);
        assertThat(session.get("user_agent")).isEqualTo("Phone/2");
    }

    @Test
    void refreshRefusesGarbageAndExpiredSessions() {
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", "nope")), 401);
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", "A".repeat(43))), 401);
        assertFieldErrors(api.post("/api/auth/refresh", Map.of("refreshToken", "")), "refreshToken");

        Account account = accounts.register();
        jdbc.update("update sessions set expires_at = now() - interval '1 second' where id = ?", account.sessionId());
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", account.refreshToken())), 401);
        assertProblem(api.as(account.accessToken()).get("/api/users/me"), 401);
    }

    // ---------------------------------------------------------------- logout and sessions (S10)

    @Test
    void logoutEndsOnlyThatSession() {
        Account laptop = accounts.register();
        Account phone = accounts.login(laptop, "Phone", "198.51.100.2");

        assertThat(api.as(laptop.accessToken()).post("/api/auth/logout", null).status())
                .isEqualTo(204);

        assertProblem(api.as(laptop.accessToken()).get("/api/users/me"), 401);
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", laptop.refreshToken())), 401);
        assertThat(api.as(phone.accessToken()).get("/api/users/me").status()).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", phone.refreshToken()))
                        .status())
                .isEqualTo(200);
        assertProblem(api.post("/api/auth/logout", null), 401);
    }

    @Test
    void sessionsListShowsMyActiveDevicesAndRevokesOne() {
        Account first = accounts.register();
        Account second = accounts.login(first, "Tablet/7", "198.51.100.77");
        Account stranger = accounts.register();

        ApiClient.Response list = api.as(second.accessToken()).get("/api/auth/sessions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(2);
        JsonNode mine = find(list.json(), second.sessionId());
        assertThat(fieldNames(mine))
                .containsExactlyInAnyOrder(
                        "id", "userAgent", "ipAddress", "createdAt", "lastActiveAt", "expiresAt", "current");
        assertThat(mine.get("current").asBoolean()).isTrue();
        assertThat(mine.get("userAgent").asString()).isEqualTo("Tablet/7");
        assertThat(mine.get("ipAddress").asString()).isEqualTo("198.51.100.77");
        assertThat(find(list.json(), first.sessionId()).get("current").asBoolean())
                .isFalse();
        assertThat(list.body()).doesNotContain(first.refreshToken()).doesNotContain(second.refreshToken());

        // someone else's session, or none at all: 404, nothing changes
        assertProblem(api.as(stranger.accessToken()).delete("/api/auth/sessions/" + first.sessionId()), 404);
        assertProblem(api.as(second.accessToken()).delete("/api/auth/sessions/" + UUID.randomUUID()), 404);
        assertProblem(api.as(second.accessToken()).delete("/api/auth/sessions/not-a-uuid"), 400);
        assertThat(api.as(first.accessToken()).get("/api/users/me").status()).isEqualTo(200);

        assertThat(api.as(second.accessToken())
                        .delete("/api/auth/sessions/" + first.sessionId())
                        .status())
                .isEqualTo(204);
        assertProblem(api.as(first.accessToken()).get("/api/users/me"), 401);
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", first.refreshToken())), 401);
        JsonNode after = api.as(second.accessToken()).get("/api/auth/sessions").json();
        assertThat(after.size()).isEqualTo(1);
        assertThat(after.get(0).get("id").asString())
                .isEqualTo(second.sessionId().toString());
        assertProblem(api.get("/api/auth/sessions"), 401);
    }

    @Test
    void passwordChangeEndsEveryOtherSession() {
        Account current = accounts.register();
        Account other = accounts.login(current, "Other", "198.51.100.3");
        String newPassword = "a much better passphrase 2";

        JsonNode wrong = assertProblem(
                api.as(current.accessToken())
                        .put(
                                "/api/users/me/password",
                                Map.of("currentPassword", "not it at all", "newPassword", newPassword)),
                403);
        assertThat(wrong.toString()).contains("currentPassword");
        assertFieldErrors(
                api.as(current.accessToken())
                        .put(
                                "/api/users/me/password",
                                Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "short")),
                "newPassword");
        assertFieldErrors(
                api.as(current.accessToken())
                        .put(
                                "/api/users/me/password",
                                Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "password123")),
                "newPassword");
        assertThat(api.as(other.accessToken()).get("/api/users/me").status())
                .as("nothing changed yet")
                .isEqualTo(200);

        assertThat(api.as(current.accessToken())
                        .put(
                                "/api/users/me/password",
                                Map.of("currentPassword", Accounts.PASSWORD, "newPassword", newPassword))
                        .status())
                .isEqualTo(204);

        assertProblem(api.as(other.accessToken()).get("/api/users/me"), 401);
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", other.refreshToken())), 401);
        assertThat(api.as(current.accessToken()).get("/api/users/me").status()).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", current.refreshToken()))
                        .status())
                .isEqualTo(200);
        assertProblem(
                api.post("/api/auth/login", Map.of("login", current.username(), "password", Accounts.PASSWORD)), 401);
        assertThat(api.post("/api/auth/login", Map.of("login", current.username(), "password", newPassword))
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select revoke_reason from sessions where id = ?", String.class, other.sessionId()))
                .isEqualTo("password_changed");
    }

    @Test
    void loginsBeyondTheSessionLimitEndTheLeastRecentlyUsedSession() {
        EventCollector events = new EventCollector(Topics.USER);
        Account first = accounts.register();
        jdbc.update("update sessions set last_active_at = now() - interval '1 hour' where id = ?", first.sessionId());
        List<Account> devices = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            devices.add(accounts.login(first, "Device " + i, Accounts.freshAddress()));
        }

        assertThat(api.as(devices.get(3).accessToken())
                        .get("/api/auth/sessions")
                        .json()
                        .size())
                .isEqualTo(4);
        assertThat(jdbc.queryForObject(
                        "select revoke_reason from sessions where id = ?", String.class, first.sessionId()))
                .isEqualTo("session_limit");
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", first.refreshToken())), 401);
        try (events) {
            List<EventCollector.Received> revoked =
                    events.await(r -> r.is("session.revoked", first.id()), 1, Duration.ofSeconds(30));
            assertThat(revoked).hasSize(1);
            assertThat(revoked.get(0).data().get("sessionId").asString())
                    .isEqualTo(first.sessionId().toString());
            assertThat(revoked.get(0).data().get("reason").asString()).isEqualTo("SESSION_LIMIT");
        }
    }

    @Test
    void authenticatedCallsRecordActivityAtMostOnceAMinute() {
        Account account = accounts.register();
        jdbc.update("update users set last_active_at = null where id = ?", account.id());
        jdbc.update(
                "update sessions set last_active_at = now() - interval '10 minutes' where id = ?", account.sessionId());

        assertThat(api.as(account.accessToken()).get("/api/users/me").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select last_active_at > now() - interval '1 minute' from users where id = ?",
                        Boolean.class,
                        account.id()))
                .isTrue();
        assertThat(jdbc.queryForObject(
                        "select last_active_at > now() - interval '1 minute' from sessions " + "where id = ?",
                        Boolean.class,
                        account.sessionId()))
                .isTrue();

        // within the minute a further call writes nothing (the stored value is left as it was set here)
        jdbc.update("update users set last_active_at = now() - interval '2 minutes' where id = ?", account.id());
        assertThat(api.as(account.accessToken()).get("/api/auth/sessions").status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select last_active_at < now() - interval '1 minute' from users where id = ?",
                        Boolean.class,
                        account.id()))
                .isTrue();
    }

    @Test
    void openApiDescribesTheEndpoints() {
        ApiClient.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body())
                .contains(
                        "/api/auth/register",
                        "/api/auth/sessions/{id}",
                        "/api/users/me/password",
                        "/api/admin/users/{id}/ban",
                        "/.well-known/jwks.json");
    }

    // ---------------------------------------------------------------- profiles (S5, S6, S17)

    @Test
    void profilePatchChangesOnlyTheThreeEditableFields() {
        Account account = accounts.register();
        ApiClient me = api.as(account.accessToken());

        ApiClient.Response patched = me.patch(
                "/api/users/me",
                Map.of(
                        "displayName",
                        "New Name ✨",
                        "avatarUrl",
                        "https://cdn.example.com/a.png",
                        "bio",
                        "Hello\u202Eworld 👋"));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(patched.text("displayName")).isEqualTo("New Name ✨");
        assertThat(patched.text("avatarUrl")).isEqualTo("https://cdn.example.com/a.png");
        assertThat(patched.text("bio")).isEqualTo("Hello\u202Eworld 👋");
        assertThat(patched.text("email")).isEqualTo(account.email());

        // absent fields stay, null clears
        ApiClient.Response cleared = me.patch("/api/users/me", "{\"bio\": null}");
        assertThat(cleared.status()).as("%s", cleared).isEqualTo(200);
        assertThat(cleared.json().get("bio").isNull()).isTrue();
        assertThat(cleared.text("avatarUrl")).isEqualTo("https://cdn.example.com/a.png");

        String before = me.get("/api/users/me").body();
        for (String field : List.of("email", "emailVerified", "isBanned", "role", "username", "id", "passwordHash")) {
            Object value = field.equals("emailVerified") || field.equals("isBanned") ? (Object) true : "x@evil.example";
            assertFieldErrors(me.patch("/api/users/me", Map.of("displayName", "Mallory", field, value)), field);
        }
        assertFieldErrors(me.patch("/api/users/me", "{\"displayName\": null}"), "displayName");
        assertFieldErrors(me.patch("/api/users/me", Map.of("displayName", "")), "displayName");
        assertFieldErrors(me.patch("/api/users/me", Map.of("avatarUrl", "javascript:alert(1)")), "avatarUrl");
        assertFieldErrors(me.patch("/api/users/me", Map.of("avatarUrl", "https://x/" + "a".repeat(2048))), "avatarUrl");
        assertFieldErrors(me.patch("/api/users/me", Map.of("bio", "b".repeat(501))), "bio");
        assertProblem(me.patch("/api/users/me", "{\"bio\": \"nul\\u0000\"}"), 400);
        assertThat(me.get("/api/users/me").body()).isEqualTo(before);
        Map<String, Object> row =
                jdbc.queryForMap("select email, email_verified, is_banned from users where id = ?", account.id());
        assertThat(row.get("email")).isEqualTo(account.email());
        assertThat(row.get("email_verified")).isEqualTo(false);
        assertThat(row.get("is_banned")).isEqualTo(false);
    }

    @Test
    void publicProfilesNeverShowTheEmailAddress() {
        Account owner = accounts.register(Accounts.uniqueUsername("pub_x."));
        Account viewer = accounts.register();
        ApiClient asViewer = api.as(viewer.accessToken());

        ApiClient.Response byId = asViewer.get("/api/users/" + owner.id());
        assertThat(byId.status()).isEqualTo(200);
        assertThat(fieldNames(byId.json()))
                .containsExactlyInAnyOrder("id", "username", "displayName", "avatarUrl", "bio");
        assertThat(byId.body()).doesNotContain(owner.email()).doesNotContain("@");

        ApiClient.Response byName =
                asViewer.get("/api/users?username=" + owner.username().toUpperCase());
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("id").asString()).isEqualTo(owner.id().toString());
        assertThat(byName.body()).doesNotContain("@");

        assertProblem(asViewer.get("/api/users/" + UUID.randomUUID()), 404);
        assertProblem(asViewer.get("/api/users/not-a-uuid"), 400);
        // the username is matched literally: wildcards and SQL fragments find nothing
        String wildcard = owner.username().replace("_", "%");
        for (String probe : List.of(
                wildcard, owner.username().replace("x", "_"), "%", "_", "' OR 1=1--", "\\", owner.username() + "%")) {
            assertProblem(
                    asViewer.get("/api/users?username="
                            + java.net.URLEncoder.encode(probe, java.nio.charset.StandardCharsets.UTF_8)),
                    404);
        }
        assertProblem(api.get("/api/users/" + owner.id()), 401);
    }

    // ---------------------------------------------------------------- helpers

    private ApiClient.Response register(Object body) {
        return api.withHeader("X-Forwarded-For", Accounts.freshAddress()).post("/api/auth/register", body);
    }

    private ApiClient.Response registerWithPassword(String password) {
        String username = Accounts.uniqueUsername("pw");
        return register(Map.of(
                "email", username + "@example.com", "username", username, "password", password, "displayName", "P"));
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.put(field, value);
        return copy;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static JsonNode find(JsonNode array, UUID id) {
        for (JsonNode item : array) {
            if (item.get("id").asString().equals(id.toString())) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + array);
    }

    private static String pad(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }
}
