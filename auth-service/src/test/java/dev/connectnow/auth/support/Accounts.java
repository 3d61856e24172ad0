package dev.connectnow.auth.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creates real accounts through auth-service's own API, each from its own (header-only) client address. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final int port;

    public Accounts(int port) {
        this.port = port;
    }

    public ApiClient api() {
        return ApiClient.local(port);
    }

    /**
     * A distinct client address per call, as the gateway would append it to X-Forwarded-For, so tests
     * that register many users stay clear of the per-address registration limit.
     */
    public static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "203.0." + (n / 250) % 250 + "." + (n % 250 + 1);
    }

    public static String uniqueUsername(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public Account register() {
        return register(uniqueUsername("user"));
    }

    public Account register(String username) {
        String email = username + "@example.com";
        ApiClient.Response response = api().withHeader("X-Forwarded-For", freshAddress())
                .post(
                        "/api/auth/register",
                        Map.of(
                                "email",
                                email,
                                "username",
                                username,
                                "password",
                                PASSWORD,
                                "displayName",
                                "User " + username));
        assertThat(response.status()).as("register %s", response).isEqualTo(201);
        return Account.of(response, email, PASSWORD);
    }

    public Account login(Account account, String userAgent, String address) {
        ApiClient.Response response = api().withHeader("User-Agent", userAgent)
                .withHeader("X-Forwarded-For", address)
                .post("/api/auth/login", Map.of("login", account.username(), "password", account.password()));
        assertThat(response.status()).as("login %s", response).isEqualTo(200);
        return Account.of(response, account.email(), account.password());
    }

    /** The claims of a JWT, read without verifying it (tests compare them with what they expect). */
    public static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    public static JsonNode header(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    /** One signed-in device of a user. */
    public record Account(
            UUID id,
            String username,
            String email,
            String password,
            String accessToken,
            String refreshToken,
            UUID sessionId) {

        static Account of(ApiClient.Response response, String email, String password) {
            JsonNode body = response.json();
            String access = body.get("accessToken").asString();
            return new Account(
                    UUID.fromString(body.get("user").get("id").asString()),
                    body.get("user").get("username").asString(),
                    email,
                    password,
                    access,
                    body.get("refreshToken").asString(),
                    UUID.fromString(claims(access).get("sid").asString()));
        }

        public Account withTokens(ApiClient.Response refreshed) {
            JsonNode body = refreshed.json();
            return new Account(
                    id,
                    username,
                    email,
                    password,
                    body.get("accessToken").asString(),
                    body.get("refreshToken").asString(),
                    sessionId);
        }
    }
}
