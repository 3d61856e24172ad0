package dev.connectnow.devstack.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenID Connect provider of the end-to-end platform: NAV's mock-oauth2-server (discovery, JWKS,
 * authorization and token endpoints, RS256 keys) in the test JVM, configured into auth-service through the
 * environment as provider {@value #NAME}, exactly as an operator configures Keycloak (docs/sso.md). Clients log
 * in with it through the authorization-code flow with PKCE, as a web or mobile app would.
 */
public final class E2eIdentityProvider {

    public static final String NAME = "e2e";
    public static final String CLIENT_ID = "connectnow-web";
    private static final String REDIRECT_URI = "http://localhost/auth/callback";
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final MockOAuth2Server server = new MockOAuth2Server();

    E2eIdentityProvider() {
        server.start();
    }

    /** What auth-service needs to trust this provider (trusted for verified e-mail addresses). */
    Map<String, String> environment() {
        return Map.of(
                "CONNECTNOW_AUTH_OIDC_PROVIDERS_E2E_ISSUERURI",
                issuer(),
                "CONNECTNOW_AUTH_OIDC_PROVIDERS_E2E_AUDIENCES",
                CLIENT_ID,
                "CONNECTNOW_AUTH_OIDC_PROVIDERS_E2E_TRUSTVERIFIEDEMAIL",
                "true");
    }

    public String issuer() {
        return server.issuerUrl(NAME).toString();
    }

    /**
     * Signs {@code subject} in at the provider with the authorization-code flow and PKCE (S256), as docs/sso.md
     * tells clients to, and returns the ID token the provider issued for {@link #CLIENT_ID}.
     */
    public String login(String subject, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(NAME, subject, "JWT", List.of(CLIENT_ID), claims, 300));
        String verifier = random(32);
        String state = random(16);
        String authorize = server.authorizationEndpointUrl(NAME) + "?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        CLIENT_ID,
                        "redirect_uri",
                        REDIRECT_URI,
                        "scope",
                        "openid profile email",
                        "state",
                        state,
                        "nonce",
                        random(16),
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256"));
        HttpResponse<String> redirect =
                send(HttpRequest.newBuilder(URI.create(authorize)).GET());
        String location = redirect.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException(
                        "the provider did not redirect back: " + redirect.statusCode() + " " + redirect.body()));
        if (!location.startsWith(REDIRECT_URI) || !location.contains("state=" + state)) {
            throw new IllegalStateException("unexpected redirect " + location);
        }
        Matcher code = CODE.matcher(location);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + location);
        }
        HttpResponse<String> tokens =
                send(HttpRequest.newBuilder(server.tokenEndpointUrl(NAME).uri())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type", "authorization_code",
                                "code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                                "redirect_uri", REDIRECT_URI,
                                "client_id", CLIENT_ID,
                                "code_verifier", verifier)))));
        if (tokens.statusCode() != 200) {
            throw new IllegalStateException("the token request failed: " + tokens.statusCode() + " " + tokens.body());
        }
        return JSON.readTree(tokens.body()).get("id_token").asString();
    }

    void stop() {
        server.shutdown();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
