package dev.connectnow.gateway.security;

import dev.connectnow.gateway.config.EdgeProperties;
import dev.connectnow.gateway.config.EdgeSecurityProperties;
import dev.connectnow.gateway.problem.Problems;
import dev.connectnow.gateway.ratelimit.KeyedRateLimiter;
import dev.connectnow.gateway.ratelimit.RateLimitWebFilter;
import dev.connectnow.http.HeaderCharacters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.DeferringLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Edge security: stateless bearer-token authentication (JWT, RS256, JWKS of the issuer),
 * CORS, and the per-user / per-IP rate limiter. Everything not listed as public needs a
 * valid access token; the token is relayed downstream unchanged (services validate it
 * again).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfig {

    @Bean
    SecurityWebFilterChain edgeSecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder jwtDecoder,
            CorsConfigurationSource corsConfigurationSource,
            EdgeProperties edge,
            EdgeSecurityProperties security) {
        // on these an Authorization header is ignored by the edge (still relayed), so that e.g. a refresh call
        // carrying an expired access token works
        PublicEndpoints publicEndpoints = PublicEndpoints.of(security.permitPrometheus());
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();

        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // CORS preflights are answered here, before authentication
                .cors(cors -> cors.configurationSource(corsConfigurationSource))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(publicEndpoints)
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2.bearerTokenConverter(new BearerTokenConverter(publicEndpoints))
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(
                                (exchange, denied) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "Not allowed.")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(
                                (exchange, denied) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "Not allowed.")))
                .addFilterBefore(new AuthenticatedUserWebFilter(), SecurityWebFiltersOrder.AUTHORIZATION);
        if (edge.rateLimit().enabled()) {
            http.addFilterBefore(
                    new RateLimitWebFilter(keyedRateLimiter(edge.rateLimit())), SecurityWebFiltersOrder.AUTHORIZATION);
        }
        return http.build();
    }

    private static KeyedRateLimiter keyedRateLimiter(EdgeProperties.RateLimit settings) {
        return new KeyedRateLimiter(
                settings.requestsPerSecond(), settings.burst(), settings.idleTimeout(), settings.maxKeys());
    }

    /**
     * Spring Security's strict firewall (every default kept: methods, encoded slashes, periods, percent, NUL, ...) with
     * its character rules for header names, header values and parameter names checked without regular expressions.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedHeaderValue);
        firewall.setAllowedParameterNames(HeaderCharacters::isAllowedName);
        return firewall;
    }

    /** What the firewall refuses is answered as every client error of the edge: a problem document, not a bare 400. */
    @Bean
    ServerExchangeRejectedHandler firewallRejections() {
        return (exchange, rejected) -> Problems.write(
                exchange, HttpStatus.BAD_REQUEST, "The request has a header, method or URL the edge does not accept.");
    }

    @Bean
    CachingJwkSetSource jwkSetSource(
            EdgeSecurityProperties security,
            ObjectProvider<WebClient.Builder> builders,
            ObjectProvider<DeferringLoadBalancerExchangeFilterFunction<LoadBalancedExchangeFilterFunction>>
                    loadBalancer) {
        WebClient.Builder builder = builders.getIfAvailable(WebClient::builder);
        return new CachingJwkSetSource(
                EdgeJwtDecoders.jwksFetcher(
                        security.jwkSetUri(), builder, loadBalancer::getObject, security.jwksFetchTimeout()),
                security.jwksCacheTtl(),
                security.jwksMinRefreshInterval());
    }

    /**
     * No per-request observations of the security filter chain, authentication and authorization: they
     * were several timers per request, a noticeable share of the edge's CPU. Requests are measured by the
     * HTTP server and route metrics (by status, so 401/403 show there) and the access log.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(EdgeSecurityProperties security, CachingJwkSetSource jwkSetSource) {
        return EdgeJwtDecoders.create(security, jwkSetSource);
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(EdgeProperties edge) {
        EdgeProperties.Cors settings = edge.cors();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.allowedOrigins());
        cors.setAllowedMethods(settings.allowedMethods());
        cors.setAllowedHeaders(settings.allowedHeaders());
        cors.setExposedHeaders(settings.exposedHeaders());
        cors.setAllowCredentials(false);
        cors.setMaxAge(settings.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
