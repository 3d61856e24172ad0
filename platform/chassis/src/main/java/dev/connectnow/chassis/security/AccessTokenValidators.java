package dev.connectnow.chassis.security;

import dev.connectnow.chassis.config.ChassisProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What makes a signed token an acceptable ConnectNow access token, besides its signature: our issuer, our
 * audience, not expired beyond the allowed skew, a UUID subject and a session id. Services add their own
 * checks (auth-service: the session is still active) by declaring {@code OAuth2TokenValidator<Jwt>} beans.
 */
public final class AccessTokenValidators {

    public static OAuth2TokenValidator<Jwt> standard(
            ChassisProperties.Security security, List<OAuth2TokenValidator<Jwt>> extra) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(security.getClockSkew()));
        validators.add(new JwtIssuerValidator(security.getIssuer()));
        validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(security.getAudience())
                ? OAuth2TokenValidatorResult.success()
                : failure("The token is not meant for this audience"));
        validators.add(jwt -> isUuid(jwt.getSubject()) && isUuid(jwt.getClaimAsString("sid"))
                ? OAuth2TokenValidatorResult.success()
                : failure("The token has no valid subject or session"));
        validators.addAll(extra);
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    private static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private AccessTokenValidators() {}
}
