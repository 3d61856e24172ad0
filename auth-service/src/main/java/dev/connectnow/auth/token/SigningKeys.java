package dev.connectnow.auth.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.connectnow.chassis.security.LocalSigningKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The key access tokens are signed with, plus the public halves of retired keys that tokens still in
 * circulation may carry. The JWKS publishes exactly {@link #publicKeys()}; auth-service validates its own
 * tokens against the same set (the chassis' {@link LocalSigningKeys} hook).
 *
 * @param current  the signing key, private part included; its {@code kid} is its RFC 7638 thumbprint
 * @param retired  public keys only
 * @param generated true when no key was configured and this one only lives as long as the process
 */
public record SigningKeys(RSAKey current, List<RSAKey> retired, boolean generated) implements LocalSigningKeys {

    public SigningKeys {
        Objects.requireNonNull(current);
        if (!current.isPrivate()) {
            throw new IllegalArgumentException("the current signing key needs its private part");
        }
        retired = List.copyOf(retired);
        retired.forEach(key -> {
            if (key.isPrivate()) {
                throw new IllegalArgumentException("retired keys are kept as public keys only");
            }
        });
    }

    @Override
    public JWKSet publicKeys() {
        List<JWK> keys = new ArrayList<>();
        keys.add(current.toPublicJWK());
        retired.stream()
                .filter(key -> !key.getKeyID().equals(current.getKeyID()))
                .forEach(keys::add);
        return new JWKSet(keys);
    }

    public String currentKeyId() {
        return current.getKeyID();
    }
}
