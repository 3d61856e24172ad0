package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on through the gateway (docs/sso.md): a user logs in at an OpenID Connect provider with the
 * authorization-code flow and PKCE, exchanges the provider's ID token for ConnectNow tokens, and then uses the
 * platform like any user; the provider's token itself opens nothing but the exchange.
 */
@EndToEndTest
class SingleSignOnEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aProviderLoginSignsInThroughTheGatewayAndTheSessionWorksEverywhere(E2ePlatform platform) {
        ApiClient gateway = platform.gateway();
        String subject = UUID.randomUUID().toString();
        String username = "sso" + subject.substring(0, 8);
        Map<String, Object> claims = Map.of(
                "preferred_username",
                username,
                "name",
                "Grace Hopper",
                "email",
                username + "@example.org",
                "email_verified",
                true);

        // a provider token is no ConnectNow token
        String providerToken = platform.identityProvider().login(subject, claims);
        assertThat(gateway.as(providerToken).get("/api/workspaces").status()).isEqualTo(401);

        // as a client does on a 503 (the first exchange also fetches the provider's keys, which a loaded
        // machine can make slower than the gateway's time limit): log in again at the provider and retry
        String[] idToken = new String[1];
        ApiClient.Response signedIn = Await.until(
                "signed in through the gateway",
                () -> exchange(
                        platform, idToken[0] = platform.identityProvider().login(subject, claims)),
                response -> response.status() != 503);
        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(200);
        assertThat(signedIn.text("/user/username")).isEqualTo(username);
        assertThat(signedIn.text("/user/displayName")).isEqualTo("Grace Hopper");
        ApiClient me = gateway.as(signedIn.text("/accessToken"));

        // the ConnectNow token works with every service, not only auth-service
        assertThat(me.get("/api/users/me").text("/email")).isEqualTo(username + "@example.org");
        ApiClient.Response workspace = me.post(
                "/api/workspaces",
                Map.of(
                        "name",
                        "SSO " + subject.substring(0, 6),
                        "slug",
                        "sso-" + subject.substring(0, 8),
                        "isPublic",
                        false));
        assertThat(workspace.status()).as("%s", workspace).isEqualTo(201);
        assertThat(me.get("/api/users/me/identities")
                        .json()
                        .get(0)
                        .get("provider")
                        .asString())
                .isEqualTo(E2eIdentityProvider.NAME);
        assertThat(me.get("/api/auth/sessions").json().toString())
                .contains("\"userAgent\":\"ConnectNow e2e\"")
                .contains("\"current\":true");

        // the same provider token cannot be exchanged again; a new login signs into the same account
        assertThat(exchange(platform, idToken[0]).status()).isEqualTo(401);
        String again = platform.identityProvider().login(subject, Map.of());
        assertThat(exchange(platform, again).text("/user/id")).isEqualTo(signedIn.text("/user/id"));

        // refresh and logout as for any session
        ApiClient.Response refreshed =
                gateway.post("/api/auth/refresh", Map.of("refreshToken", signedIn.text("/refreshToken")));
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        ApiClient current = gateway.as(refreshed.text("/accessToken"));
        assertThat(current.post("/api/auth/logout", null).status()).isEqualTo(204);
        assertThat(current.get("/api/users/me").status()).isEqualTo(401);
    }

    private static ApiClient.Response exchange(E2ePlatform platform, String idToken) {
        String body = Map.of(
                        "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                        "subject_token", idToken,
                        "subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/auth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "ConnectNow e2e")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(
                    response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
