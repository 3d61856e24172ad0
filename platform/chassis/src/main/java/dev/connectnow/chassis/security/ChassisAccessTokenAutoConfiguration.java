package dev.connectnow.chassis.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.connectnow.chassis.config.ChassisProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Access-token validation for any kind of application (servlet, WebFlux, none): a {@link JwtDecoder} that
 * accepts exactly the tokens auth-service issues ({@link AccessTokenValidators}). The servlet web capability
 * plugs it into Spring Security; an edge without Spring Security (realtime-service validates the token of
 * its IDENTIFY frame) calls {@code decode} itself and builds the caller with {@link AuthenticatedUser#from}.
 *
 * <p>Only RS256 is accepted and keys come from auth-service's JWKS ({@code connectnow.security.jwk-set-uri};
 * an {@code lb://} URI is resolved through discovery), never from token headers such as {@code jku}/{@code jwk}.
 * Nimbus caches the key set, so decoding is a network call only when an unknown key id shows up; verified
 * tokens are remembered briefly ({@link VerifiedTokens}).
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnClass({JwtDecoder.class, NimbusJwtDecoder.class, RestOperations.class})
@EnableConfigurationProperties(ChassisProperties.class)
public class ChassisAccessTokenAutoConfiguration {

    static final String LOAD_BALANCED_SCHEME = "lb://";

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder chassisJwtDecoder(
            ChassisProperties properties,
            ObjectProvider<LocalSigningKeys> localKeys,
            ObjectProvider<OAuth2TokenValidator<Jwt>> extraValidators,
            @Qualifier("jwksRestTemplate") ObjectProvider<RestTemplate> loadBalancedRest) {
        ChassisProperties.Security security = properties.getSecurity();
        NimbusJwtDecoder decoder;
        LocalSigningKeys keys = localKeys.getIfAvailable();
        if (keys != null) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    JWSAlgorithm.RS256, (selector, context) -> selector.select(keys.publicKeys())));
            // Spring validates claims itself (below), with our skew
            processor.setJWTClaimsSetVerifier((claims, context) -> {});
            decoder = new NimbusJwtDecoder(processor);
        } else {
            String uri = security.getJwkSetUri();
            boolean loadBalanced = uri.startsWith(LOAD_BALANCED_SCHEME);
            RestTemplate rest = loadBalanced ? loadBalancedRest.getIfAvailable() : new RestTemplate();
            if (rest == null) {
                throw new IllegalStateException("connectnow.security.jwk-set-uri is " + uri
                        + " but Spring Cloud LoadBalancer is not on the classpath: add "
                        + "spring-cloud-starter-loadbalancer or configure a plain http(s) URI");
            }
            decoder = NimbusJwtDecoder.withJwkSetUri(
                            loadBalanced ? "http://" + uri.substring(LOAD_BALANCED_SCHEME.length()) : uri)
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .restOperations(rest)
                    .build();
        }
        List<OAuth2TokenValidator<Jwt>> extra = extraValidators.orderedStream().toList();
        OAuth2TokenValidator<Jwt> claims = AccessTokenValidators.standard(security, extra);
        decoder.setJwtValidator(claims);
        if (security.getVerifiedTokenCacheSize() <= 0) {
            return decoder;
        }
        return new VerifiedTokens(
                decoder, claims, security.getVerifiedTokenTtl(), security.getVerifiedTokenCacheSize());
    }

    /** Fetches the JWKS from whichever auth-service instance discovery knows. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LoadBalanced.class)
    static class LoadBalancedKeySet {

        @Bean
        @LoadBalanced
        @ConditionalOnMissingBean(name = "jwksRestTemplate")
        RestTemplate jwksRestTemplate() {
            return new RestTemplate();
        }
    }
}
