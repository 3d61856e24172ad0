package dev.connectnow.chassis.security;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Implemented by the service that issues tokens (auth-service): it validates tokens against its own key
 * set instead of fetching its JWKS over HTTP from itself.
 */
public interface LocalSigningKeys {

    /** The public keys tokens may be signed with (current and recently retired). */
    JWKSet publicKeys();
}
