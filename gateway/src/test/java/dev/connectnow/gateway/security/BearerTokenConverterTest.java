package dev.connectnow.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

/**
 * The converter's own decisions: token, none or {@code invalid_token}, and public endpoints. That the header rule is
 * Spring Security's on every form is {@code BearerTokensTest}'s (platform/http-syntax).
 */
class BearerTokenConverterTest {

    private final BearerTokenConverter converter = new BearerTokenConverter(PublicEndpoints.of(false));

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
