package dev.connectnow.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class PublicEndpointsTest {

    private final PublicEndpoints endpoints = PublicEndpoints.of(false);

    @Test
    void publicPathsNeedTheirMethod() {
        assertThat(isPublic(HttpMethod.POST, "/api/auth/login")).isTrue();
        assertThat(isPublic(HttpMethod.GET, "/api/auth/login")).isFalse();
        assertThat(isPublic(HttpMethod.GET, "/.well-known/jwks.json")).isTrue();
        assertThat(isPublic(HttpMethod.GET, "/ws/resume/instance-1")).isTrue();
        assertThat(isPublic(HttpMethod.GET, "/ws/resume/instance-1/more")).isFalse();
        assertThat(isPublic(HttpMethod.DELETE, "/actuator/health/readiness")).isTrue();
    }

    @Test
    void everythingElseNeedsAToken() {
        assertThat(isPublic(HttpMethod.GET, "/api/users/me")).isFalse();
        assertThat(isPublic(HttpMethod.POST, "/api/auth/logout")).isFalse();
        assertThat(isPublic(HttpMethod.GET, "/actuator/prometheus")).isFalse();
        assertThat(isPublic(HttpMethod.GET, "/api/auth/login/../../users/me")).isFalse();
    }

    @Test
    void prometheusOnlyWhenPermitted() {
        MockServerWebExchange scrape = MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/prometheus"));
        assertThat(PublicEndpoints.of(true).isPublic(scrape)).isTrue();
    }

    @Test
    void theDecisionIsTakenOncePerRequestAndAnsweredToTheMatcherToo() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/livez"));
        assertThat(endpoints.matches(exchange).block().isMatch()).isTrue();
        assertThat(exchange.getAttributes()).containsValue(Boolean.TRUE);
        assertThat(endpoints.isPublic(exchange)).isTrue();

        MockServerWebExchange other = MockServerWebExchange.from(MockServerHttpRequest.get("/api/users/me"));
        assertThat(endpoints.matches(other).block().isMatch()).isFalse();
    }

    private boolean isPublic(HttpMethod method, String path) {
        return endpoints.isPublic(MockServerWebExchange.from(MockServerHttpRequest.method(method, path)));
    }
}
