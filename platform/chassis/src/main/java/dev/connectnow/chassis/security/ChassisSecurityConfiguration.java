package dev.connectnow.chassis.security;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.web.ProblemWriter;
import dev.connectnow.http.HeaderCharacters;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Zero trust between services: every request to a servlet service is authenticated again here with the
 * access token the gateway relayed, decoded by the access-token capability's {@code JwtDecoder}
 * ({@link ChassisAccessTokenAutoConfiguration}); each service authorizes by its own data afterwards.
 * Imported by the web capability; a service replaces the chain by declaring its own
 * {@link SecurityFilterChain}.
 */
@Configuration(proxyBeanMethods = false)
public class ChassisSecurityConfiguration {

    /** Probes on the public port, and the actuator, which is served on the management port only. */
    private static final String[] ALWAYS_OPEN = {
        "/livez",
        "/readyz",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/error"
    };

    /**
     * Spring Security observes each of its ~15 filters, the authentication and the authorization of every
     * request (an observation and a long-task timer each): in a profile of a post that cost more CPU than
     * the JSON of the request and the response together, for traces we do not collect. The request's own
     * observation ({@code http.server.requests}) stays.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings chassisSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain chassisSecurityFilterChain(
            HttpSecurity http, ChassisProperties properties, ProblemWriter problems) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        List<RequestMatcher> publicPaths = publicPaths(properties.getSecurity().getPublicPaths());
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(auth -> auth.requestMatchers(publicPaths.toArray(RequestMatcher[]::new))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> {})
                        .bearerTokenResolver(new HeaderBearerTokenResolver(publicPaths))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(entryPoint));
        return http.build();
    }

    private static List<RequestMatcher> publicPaths(List<String> configured) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> matchers = new ArrayList<>();
        for (String path : ALWAYS_OPEN) {
            matchers.add(paths.matcher(path));
        }
        for (String entry : configured) {
            String[] methodAndPath = entry.trim().split("\\s+", 2);
            matchers.add(
                    methodAndPath.length == 2
                            ? paths.matcher(HttpMethod.valueOf(methodAndPath[0].toUpperCase()), methodAndPath[1])
                            : paths.matcher(methodAndPath[0]));
        }
        return matchers;
    }

    /**
     * Spring Security's strict firewall (every default kept: methods, encoded slashes, periods, percent, NUL, ...) with
     * its character rules for header names, header values and parameter names checked without regular expressions
     * ({@link HeaderCharacters}): with the bearer token's expression they were 12 % of auth-service's CPU samples.
     */
    @Bean
    @ConditionalOnMissingBean
    HttpFirewall chassisHttpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedHeaderValue);
        firewall.setAllowedParameterNames(HeaderCharacters::isAllowedName);
        return firewall;
    }
}
