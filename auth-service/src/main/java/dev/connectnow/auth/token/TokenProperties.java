package dev.connectnow.auth.token;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access tokens and their signing keys, under {@code connectnow.auth}.
 *
 * @param accessTokenTtl lifetime of an access token (its {@code exp - iat}); also the answer's {@code expiresIn}
 * @param signingKey     the RSA keys tokens are signed with
 */
@ConfigurationProperties(prefix = "connectnow.auth")
public record TokenProperties(Duration accessTokenTtl, SigningKey signingKey) {

    public TokenProperties {
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        signingKey = signingKey == null ? new SigningKey(null, null, null, false) : signingKey;
    }

    /**
     * Each value is PEM text or a resource location ({@code file:...}, {@code classpath:...}).
     *
     * @param privateKey        PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) of the current RSA signing key; none: a
     *                          generated throw-away key (development only)
     * @param publicKey         X.509 PEM ({@code BEGIN PUBLIC KEY}) of the same key; optional, checked against the
     *                          private key
     * @param retiredPublicKeys public keys of retired signing keys, still published and accepted during a rotation
     * @param required          refuse to start without a private key: where several replicas run, a generated key
     *                          would make each reject the others' tokens
     */
    public record SigningKey(String privateKey, String publicKey, List<String> retiredPublicKeys, boolean required) {

        public SigningKey {
            retiredPublicKeys = retiredPublicKeys == null ? List.of() : List.copyOf(retiredPublicKeys);
        }
    }
}
