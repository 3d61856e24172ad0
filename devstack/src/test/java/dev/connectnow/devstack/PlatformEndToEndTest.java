package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real platform (a Kafka broker, PostgreSQL, discovery, the services and the gateway, each as
 * its own process, started by the devstack launcher on free ports) driven only through the
 * gateway, as a client would. Each test is one user journey with its own users, so journeys can
 * be added without ordering between them; a journey that needs another service adds it to
 * {@link #SERVICES}.
 *
 * <p>Runs in the devstack module's test phase, which in the reactor comes after every service has
 * been packaged. Logs of the last run stay in {@code devstack/target/e2e-devstack/logs}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformEndToEndTest {

    private static final List<ServiceDefinition> SERVICES =
            List.of(service("auth-service"), service("workspace-service"), service("channel-service"));

    private static final String PASSWORD = "correct-horse-battery-staple";

    private final ByteArrayOutputStream consoleOutput = new ByteArrayOutputStream();
    private LocalPlatform platform;
    private ApiClient gateway;

    @BeforeAll
    void startPlatform() throws IOException {
        Path repoRoot = RepoRoot.locate();
        DevStackConfig config = DevStackConfig.defaults(repoRoot)
                .withWorkDir(freshDirectory(repoRoot.resolve("devstack/target/e2e-devstack")))
                .withServices(SERVICES)
                .withFreePorts()
                .withEchoChildLogs(false)
                .withStartupTimeout(Duration.ofSeconds(150))
                // two cores for five JVMs: smaller pools start faster and hold fewer PostgreSQL backends
                .withExtraEnv(Map.of("DB_POOL_SIZE", "4"));
        for (ServiceDefinition app : config.applications()) {
            assertThat(config.jarOf(app))
                    .as(
                            "%s must be packaged before the end-to-end test runs (mvn package builds the services "
                                    + "before devstack; alone: mvn -pl %s -am package -DskipTests)",
                            app.name(), app.name())
                    .isRegularFile();
        }
        platform = new LocalPlatform(
                config, new Console(new PrintStream(consoleOutput, true, StandardCharsets.UTF_8), false));
        try {
            platform.start();
        } catch (RuntimeException e) {
            platform.close();
            throw new AssertionError(
                    "the platform did not start:\n" + e.getMessage() + "\n--- devstack output ---\n"
                            + consoleOutput.toString(StandardCharsets.UTF_8),
                    e);
        }
        gateway = ApiClient.at(platform.gatewayUrl());
        awaitGatewayRoutesTo("/api/auth/register", Duration.ofSeconds(90));
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
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
                        displayName));
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        return registered.text("/accessToken");
    }

    private String userIdOf(String accessToken) {
        return get("/api/users/me", accessToken).text("/id");
    }

    /**
     * Repeats a call until it answers {@code expected}: right after start-up the gateway may not yet route
     * to a service (503), and right after a change in one service another may not yet have its event.
     */
    private ApiClient.Response awaitStatus(java.util.function.Supplier<ApiClient.Response> call, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ApiClient.Response last = call.get();
        while (last.status() != expected && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(250));
            last = call.get();
        }
        assertThat(last.status())
                .as("%s (logs in %s)", last, platform.config().logDir())
                .isEqualTo(expected);
        return last;
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

    /**
     * The gateway resolves {@code lb://auth-service} from its Eureka registry copy and LoadBalancer
     * cache; until both have seen the service it answers 503. An invalid registration is routed
     * but changes nothing, so polling with it is safe to repeat.
     */
    private void awaitGatewayRoutesTo(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ApiClient.Response last;
        do {
            last = post(path, Map.of());
            if (last.status() < 500 && last.status() != 404) {
                return;
            }
            sleep(Duration.ofSeconds(1));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the gateway did not route " + path + " within " + timeout.toSeconds()
                + " s; last answer: " + last + "; logs in " + platform.config().logDir());
    }

    private static ServiceDefinition service(String name) {
        return Services.BUSINESS.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not in Services.BUSINESS"));
    }

    private static String uniqueUsername() {
        return "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Path freshDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
