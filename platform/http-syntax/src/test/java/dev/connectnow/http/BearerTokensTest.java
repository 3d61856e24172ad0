package dev.connectnow.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

/**
 * Held to Spring Security's servlet resolver and reactive converter, whose header rule it replaces in the services and
 * the gateway, on the header forms a client can send.
 */
class BearerTokensTest {

    private final DefaultBearerTokenResolver servlet = new DefaultBearerTokenResolver();

    private final ServerBearerTokenAuthenticationConverter reactive = new ServerBearerTokenAuthenticationConverter();

    @Test
    void aBearerTokenIsReadInAnyCaseOfTheScheme() {
        assertThat(outcome("Bearer eyJ.abc-_~+/x==")).isEqualTo("token eyJ.abc-_~+/x==");
        assertThat(outcome("bEARER abc")).isEqualTo("token abc");
    }

    @Test
    void anotherSchemeOrNoHeaderIsNoTokenAndAMalformedBearerHeaderIsInvalid() {
        assertThat(outcome(null)).isEqualTo("none");
        assertThat(outcome("Basic dXNlcjpwYXNz")).isEqualTo("none");
        for (String malformed :
                List.of("Bearer ", "Bearer a b", "Bearer ab=c", "Bearer ===", "Bearerabc", "Bearer abc\n")) {
            assertThat(outcome(malformed)).as(malformed).isEqualTo("malformed");
        }
    }

    @Test
    void itDecidesAsSpringSecuritysReadersOnEveryForm() {
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
        String alphabet = "aZ09-._~+/= \t\n%ąBEARerb\u0000";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            for (int length = random.nextInt(12); length > 0; length--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(header))
                    .as(header)
                    .isEqualTo(servletOutcome(header))
                    .isEqualTo(reactiveOutcome(header));
        }
    }

    private static String outcome(String authorization) {
        if (!BearerTokens.isBearer(authorization)) {
            return "none";
        }
        String token = BearerTokens.tokenOf(authorization);
        return token == null ? "malformed" : "token " + token;
    }

    private String servletOutcome(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/users/me");
        request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        try {
            String token = servlet.resolve(request);
            return token == null ? "none" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return errorOutcome(e);
        }
    }

    private String reactiveOutcome(String authorization) {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/users/me")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .build();
        try {
            Authentication authentication =
                    reactive.convert(MockServerWebExchange.from(request)).block();
            return authentication == null
                    ? "none"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException e) {
            return errorOutcome(e);
        }
    }

    private static String errorOutcome(OAuth2AuthenticationException e) {
        return e.getError().getErrorCode().equals("invalid_token")
                ? "malformed"
                : e.getError().getErrorCode();
    }
}
