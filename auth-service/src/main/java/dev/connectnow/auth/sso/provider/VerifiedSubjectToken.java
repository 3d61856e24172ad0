package dev.connectnow.auth.sso.provider;

import java.time.Instant;

/**
 * A provider's token that passed every check: who the provider says the user is.
 *
 * @param provider          the provider that signed it
 * @param subject           {@code sub}: with the issuer, the stable key of the external identity
 * @param email             {@code email} as the provider sent it (verified or not), or null
 * @param emailVerified     {@code email_verified} is exactly {@code true}
 * @param preferredUsername {@code preferred_username}, or null
 * @param name              {@code name}, or null
 * @param givenName         {@code given_name}, or null
 * @param familyName        {@code family_name}, or null
 * @param expiresAt         {@code exp}: the replay guard remembers the token until then
 * @param fingerprint       SHA-256 of the token's payload: the same token presented twice has the same one
 */
public record VerifiedSubjectToken(
        OidcProvider provider,
        String subject,
        String email,
        boolean emailVerified,
        String preferredUsername,
        String name,
        String givenName,
        String familyName,
        Instant expiresAt,
        byte[] fingerprint) {

    public String issuer() {
        return provider.issuer();
    }

    @Override
    public String toString() {
        return "VerifiedSubjectToken[provider=" + provider.name() + "]"; // no personal data in logs
    }
}
