package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.devstack.e2e.E2ePlatform;
import dev.connectnow.devstack.e2e.EndToEndTest;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real platform driven only through the gateway, as a client would: the shared end-to-end platform
 * ({@link E2ePlatform}: Kafka, PostgreSQL, discovery, every catalogued service and the gateway, each its own
 * process). Each test is one user journey with its own users, so journeys can be added without ordering
 * between them.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformEndToEndTest {

    private static final String PASSWORD = E2ePlatform.PASSWORD;

    private E2ePlatform shared;
    private LocalPlatform platform;
    private ApiClient gateway;

    @BeforeAll
    void connect(E2ePlatform shared) {
        this.shared = shared;
        platform = shared.platform();
        gateway = shared.gateway();
    }

    @Test
    void userRegistersLogsInRefreshesAndReadsTheirProfile() {
        String username = uniqueUsername();
        String email = username + "@example.com";

        ApiClient.Response registered = post(
                "/api/auth/register",
                Map.of("email", email, "username", username, "password", PASSWORD, "displayName", "Ada Lovelace"));
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        assertTokenPair(registered);
        assertThat(registered.text("/user/username")).as("%s", registered).isEqualTo(username);
        assertThat(registered.body()).doesNotContain(PASSWORD);

        ApiClient.Response me = get("/api/users/me", registered.text("/accessToken"));
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.text("/username")).as("%s", me).isEqualTo(username);

        ApiClient.Response login = post("/api/auth/login", Map.of("login", username, "password", PASSWORD));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertTokenPair(login);
        assertThat(login.text("/user/username")).as("%s", login).isEqualTo(username);

        String firstRefreshToken = login.text("/refreshToken");
        ApiClient.Response refreshed = post("/api/auth/refresh", Map.of("refreshToken", firstRefreshToken));
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        assertTokenPair(refreshed);
        assertThat(refreshed.text("/refreshToken")).as("refresh tokens rotate").isNotEqualTo(firstRefreshToken);

        ApiClient.Response meAfterRefresh = get("/api/users/me", refreshed.text("/accessToken"));
        assertThat(meAfterRefresh.status()).as("%s", meAfterRefresh).isEqualTo(200);
        assertThat(meAfterRefresh.text("/username")).as("%s", meAfterRefresh).isEqualTo(username);

        ApiClient.Response reused = post("/api/auth/refresh", Map.of("refreshToken", firstRefreshToken));
        assertThat(reused.status())
                .as("a rotated refresh token must not work twice: %s", reused)
                .isEqualTo(401);
    }

    @Test
    void requestsWithoutValidCredentialsAreRejected() {
        ApiClient.Response anonymous = get("/api/users/me", null);
        assertThat(anonymous.status()).as("%s", anonymous).isEqualTo(401);

        ApiClient.Response forged = get("/api/users/me", "not-a-jwt");
        assertThat(forged.status()).as("%s", forged).isEqualTo(401);

        String username = uniqueUsername();
        ApiClient.Response registered = post(
                "/api/auth/register",
                Map.of(
                        "email",
                        username + "@example.com",
                        "username",
                        username,
                        "password",
                        PASSWORD,
                        "displayName",
                        "Grace Hopper"));
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        ApiClient.Response wrongPassword =
                post("/api/auth/login", Map.of("login", username, "password", PASSWORD + "-wrong"));
        assertThat(wrongPassword.status()).as("%s", wrongPassword).isEqualTo(401);
        assertThat(wrongPassword.body()).doesNotContain("accessToken");
    }

    /**
     * Two users and an outsider: a private workspace joined by invite code, a public and a private channel,
     * and who can see what. Channel access follows workspace membership through Kafka, so steps that
     * depend on an event having arrived poll with a deadline.
     */
    @Test
    void teammatesShareAWorkspaceAndSeeOnlyTheChannelsTheyMay() {
        String alice = registerAndGetToken("Alice");
        String bob = registerAndGetToken("Bob");
        String carol = registerAndGetToken("Carol");
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        ApiClient.Response workspace = post(
                "/api/workspaces",
                Map.of("name", "Analytical Engines", "slug", "engines-" + suffix, "isPublic", false),
                alice);
        assertThat(workspace.status()).as("%s", workspace).isEqualTo(201);
        assertThat(workspace.text("/myRole")).isEqualTo("OWNER");
        String workspaceId = workspace.text("/id");
        String inviteCode = workspace.text("/inviteCode");
        assertThat(inviteCode).isNotBlank();

        assertThat(get("/api/workspaces/" + workspaceId, bob).status())
                .as("a private workspace is invisible to non-members")
                .isEqualTo(404);
        ApiClient.Response joined = post("/api/workspaces/join", Map.of("inviteCode", inviteCode), bob);
        assertThat(joined.status()).as("%s", joined).isEqualTo(200);
        assertThat(joined.text("/role")).isEqualTo("MEMBER");
        ApiClient.Response asBob = get("/api/workspaces/" + workspaceId, bob);
        assertThat(asBob.status()).as("%s", asBob).isEqualTo(200);
        assertThat(asBob.json().at("/inviteCode").isMissingNode()
                        || asBob.json().at("/inviteCode").isNull())
                .as("only admins see the invite code: %s", asBob)
                .isTrue();

        String channels = "/api/workspaces/" + workspaceId + "/channels";
        ApiClient.Response open = awaitStatus(
                () -> post(channels, Map.of("name", "lovelace-" + suffix, "type", "TEXT", "isPrivate", false), alice),
                201);
        ApiClient.Response secret =
                post(channels, Map.of("name", "secret-" + suffix, "type", "TEXT", "isPrivate", true), alice);
        assertThat(secret.status()).as("%s", secret).isEqualTo(201);
        String openId = open.text("/id");
        String secretId = secret.text("/id");

        ApiClient.Response bobsList = awaitStatus(() -> get(channels, bob), 200);
        List<String> visibleToBob = new java.util.ArrayList<>();
        bobsList.json()
                .get("items")
                .forEach(channel -> visibleToBob.add(channel.get("name").asString()));
        assertThat(visibleToBob).contains("general", "lovelace-" + suffix).doesNotContain("secret-" + suffix);
        assertThat(get("/api/channels/" + secretId, bob).status())
                .as("a private channel is invisible to non-members")
                .isEqualTo(404);
        assertThat(post("/api/channels/" + secretId + "/join", Map.of(), bob).status())
                .isEqualTo(404);
        ApiClient.Response bobJoinsOpen = post("/api/channels/" + openId + "/join", Map.of(), bob);
        assertThat(bobJoinsOpen.status()).as("%s", bobJoinsOpen).isEqualTo(200);

        ApiClient.Response added =
                post("/api/channels/" + secretId + "/members", Map.of("userId", userIdOf(bob)), alice);
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        ApiClient.Response secretAsBob = get("/api/channels/" + secretId, bob);
        assertThat(secretAsBob.status()).as("%s", secretAsBob).isEqualTo(200);
        assertThat(secretAsBob.text("/name")).isEqualTo("secret-" + suffix);

        assertThat(get("/api/workspaces/" + workspaceId, carol).status()).isEqualTo(404);
        assertThat(get(channels, carol).status()).isEqualTo(404);
        assertThat(get("/api/channels/" + openId, carol).status())
                .as("an outsider cannot read a workspace's channels, even public ones")
                .isEqualTo(404);
    }

    private ApiClient.Response get(String path, String accessToken) {
        return gateway.as(accessToken).get(path);
    }

    private ApiClient.Response post(String path, Object body, String accessToken) {
        return gateway.as(accessToken).post(path, body);
    }

    private ApiClient.Response post(String path, Object body) {
        return gateway.post(path, body);
    }

    private String registerAndGetToken(String displayName) {
        return shared.registerUser(displayName);
    }

    private String userIdOf(String accessToken) {
        return get("/api/users/me", accessToken).text("/id");
    }

    /**
     * Repeats a call until it answers {@code expected}: right after start-up the gateway may not yet route
     * to a service (503), and right after a change in one service another may not yet have its event.
     */
    private ApiClient.Response awaitStatus(java.util.function.Supplier<ApiClient.Response> call, int expected) {
        AtomicReference<ApiClient.Response> last = new AtomicReference<>();
        Await.await("an answer " + expected).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            last.set(call.get());
            assertThat(last.get().status())
                    .as("%s (logs in %s)", last.get(), platform.config().logDir())
                    .isEqualTo(expected);
        });
        return last.get();
    }

    private static void assertTokenPair(ApiClient.Response response) {
        assertThat(response.text("/accessToken"))
                .as("accessToken in %s", response)
                .isNotBlank();
        assertThat(response.text("/refreshToken"))
                .as("refreshToken in %s", response)
                .isNotBlank();
        assertThat(response.json().at("/expiresIn").asLong())
                .as("expiresIn in %s", response)
                .isPositive();
    }

    private static String uniqueUsername() {
        return "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
