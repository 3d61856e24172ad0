package dev.connectnow.auth.sso;

import java.time.Instant;
import java.util.UUID;

/**
 * One of my linked provider identities.
 *
 * @param provider   the provider's configured name (e.g. {@code keycloak})
 * @param email      the provider's address for it, only when the provider said it is verified
 * @param lastUsedAt last sign-in or link with it
 */
public record IdentityView(
        UUID id, String provider, String issuer, String subject, String email, Instant linkedAt, Instant lastUsedAt) {

    static IdentityView of(ExternalIdentity identity) {
        return new IdentityView(
                identity.getId(),
                identity.getProvider(),
                identity.getIssuer(),
                identity.getSubject(),
                identity.getEmail(),
                identity.getCreatedAt(),
                identity.getLastUsedAt());
    }
}
