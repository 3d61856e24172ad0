package dev.connectnow.realtime.identity;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * The access-token decoder, with the suite's rules (docs/chassis.md, Security): RS256 only, keys from
 * auth-service's JWKS (resolved through Eureka for an {@code lb://} URI, cached by Nimbus), issuer, audience,
 * expiry with clock skew, UUID {@code sub} and {@code sid}.
 */
@Configuration(proxyBeanMethods = false)
class TokenDecoderConfiguration {

    @Bean
    @LoadBalanced
    RestTemplate jwksRestTemplate() {
        return new RestTemplate();
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder accessTokenDecoder(
            @Value("${connectnow.security.jwk-set-uri:lb://auth-service/.well-known/jwks.json}") String jwkSetUri,
            @Value("${connectnow.security.issuer:connectnow}") String issuer,
            @Value("${connectnow.security.audience:connectnow}") String audience,
            @Value("${connectnow.security.clock-skew:30s}") Duration clockSkew,
            RestTemplate jwksRestTemplate) {
        boolean loadBalanced = jwkSetUri.startsWith("lb://");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        loadBalanced ? "http://" + jwkSetUri.substring("lb://".length()) : jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(loadBalanced ? jwksRestTemplate : new RestTemplate())
                .build();
        OAuth2TokenValidator<Jwt> audienceValidator =
                jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                        ? OAuth2TokenValidatorResult.success()
                        : failure("The token is not meant for this audience");
        OAuth2TokenValidator<Jwt> ids = jwt -> isUuid(jwt.getSubject()) && isUuid(jwt.getClaimAsString("sid"))
                ? OAuth2TokenValidatorResult.success()
                : failure("The token has no valid subject or session");
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                List.of(new JwtTimestampValidator(clockSkew), new JwtIssuerValidator(issuer), audienceValidator, ids)));
        return decoder;
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    private static boolean isUuid(String value) {
        try {
            return value != null && value.length() == 36 && UUID.fromString(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
