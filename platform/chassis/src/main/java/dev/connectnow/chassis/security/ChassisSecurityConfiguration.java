package dev.connectnow.chassis.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;

import java.util.List;

/**
 * Zero trust between services: every request is authenticated again here with the access token the
 * gateway relayed. Only RS256 is accepted, keys come from auth-service's JWKS (never from token headers
 * such as {@code jku}/{@code jwk}), and each service authorizes by its own data afterwards.
 */
@Configuration(proxyBeanMethods = false)
public class ChassisSecurityConfiguration {

    private static final String[] ALWAYS_OPEN = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/error"};

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain chassisSecurityFilterChain(HttpSecurity http, ChassisProperties properties,
                                                   ProblemWriter problems) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(ALWAYS_OPEN).permitAll();
                    for (String entry : properties.getSecurity().getPublicPaths()) {
                        String[] methodAndPath = entry.trim().split("\\s+", 2);
                        if (methodAndPath.length == 2) {
                            auth.requestMatchers(HttpMethod.valueOf(methodAndPath[0].toUpperCase()), methodAndPath[1])
                                    .permitAll();
                        } else {
                            auth.requestMatchers(methodAndPath[0]).permitAll();
                        }
                    }
                    auth.anyRequest().authenticated();
                })
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> { })
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(entryPoint));
        return http.build();
    }

    @Bean
    @LoadBalanced
    @ConditionalOnMissingBean(name = "jwksRestTemplate")
    RestTemplate jwksRestTemplate() {
        return new RestTemplate();
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder chassisJwtDecoder(ChassisProperties properties, ObjectProvider<LocalSigningKeys> localKeys,
                                 ObjectProvider<OAuth2TokenValidator<Jwt>> extraValidators,
                                 @Qualifier("jwksRestTemplate") ObjectProvider<RestTemplate> restTemplates) {
        ChassisProperties.Security security = properties.getSecurity();
        NimbusJwtDecoder decoder;
        LocalSigningKeys keys = localKeys.getIfAvailable();
        if (keys != null) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    (selector, context) -> selector.select(keys.publicKeys())));
            // Spring validates claims itself (below), with our skew
            processor.setJWTClaimsSetVerifier((claims, context) -> { });
            decoder = new NimbusJwtDecoder(processor);
        } else {
            String uri = security.getJwkSetUri();
            boolean loadBalanced = uri.startsWith("lb://");
            RestTemplate rest = loadBalanced ? restTemplates.getObject() : new RestTemplate();
            decoder = NimbusJwtDecoder.withJwkSetUri(loadBalanced ? "http://" + uri.substring("lb://".length()) : uri)
                    .jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                    .restOperations(rest)
                    .build();
        }
        List<OAuth2TokenValidator<Jwt>> extra = extraValidators.orderedStream().toList();
        decoder.setJwtValidator(AccessTokenValidators.standard(security, extra));
        return decoder;
    }
}
