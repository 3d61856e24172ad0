package dev.connectnow.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

/** Held to Spring Security's own converter, which it replaces, on the header forms a client can send. */
class BearerTokenConverterTest {

    private final BearerTokenConverter converter = new BearerTokenConverter(PublicEndpoints.of(false));

    private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @Test
    void aBearerTokenIsReadInAnyCaseOfTheScheme() {
        assertThat(outcome(converter, "/api/users/me", "Bearer eyJ.abc-_~+/x=="))
                .isEqualTo("token eyJ.abc-_~+/x==");
        assertThat(outcome(converter, "/api/users/me", "bEARER abc")).isEqualTo("token abc");
    }

    @Test
    void anotherSchemeOrNoHeaderIsNoTokenAndAMalformedBearerTokenIsInvalid() {
        assertThat(outcome(converter, "/api/users/me", null)).isEqualTo("none");
        assertThat(outcome(converter, "/api/users/me", "Basic dXNlcjpwYXNz")).isEqualTo("none");
        assertThat(outcome(converter, "/api/users/me", "Bearer ")).isEqualTo("invalid_token");
        assertThat(outcome(converter, "/api/users/me", "Bearer a b")).isEqualTo("invalid_token");
        assertThat(outcome(converter, "/api/users/me", "Bearer ab=c")).isEqualTo("invalid_token");
        assertThat(outcome(converter, "/api/users/me", "Bearer ===")).isEqualTo("invalid_token");
        assertThat(outcome(converter, "/api/users/me", "Bearerabc")).isEqualTo("invalid_token");
        assertThat(outcome(converter, "/api/users/me", "Bearer abc\n")).isEqualTo("invalid_token");
    }

    @Test
    void onAPublicEndpointTheHeaderIsIgnored() {
        assertThat(outcome(converter, "/.well-known/jwks.json", "Bearer a b")).isEqualTo("none");
    }

    @Test
    void itDecidesAsSpringSecuritysConverterOnEveryForm() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer abc",
                "bearer abc",
                "BEARER abc",
                "Bearer  abc",
                "Bearer\tabc",
                "Bearer abc==",
                "Bearer ab=c",
                "Bearer =",
                "Bearer",
                "Bearer ",
                "bearer",
                "Bearerx abc",
                "Token abc",
                "Bearer ab%63",
                "Bearer ąbc",
                "Bearer abc ",
                " Bearer abc",
                "Bearer a.b.c",
                "Bearer A-Z_0~9+/"));
        Random random = new Random(7);
        String alphabet = "aZ09-._~+/= \t%ąBEARerb\u0000";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            for (int length = random.nextInt(12); length > 0; length--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(converter, "/api/users/me", header))
                    .as(header)
                    .isEqualTo(outcome(spring, "/api/users/me", header));
        }
    }

    private static String outcome(ServerAuthenticationConverter converter, String path, String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(path);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            Authentication authentication =
                    converter.convert(MockServerWebExchange.from(request)).block();
            return authentication == null
                    ? "none"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException e) {
            return e.getError().getErrorCode();
        }
    }
}
