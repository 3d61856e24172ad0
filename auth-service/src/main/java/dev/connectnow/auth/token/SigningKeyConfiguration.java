package dev.connectnow.auth.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** Provides {@link SigningKeys}, which is also the chassis' {@code LocalSigningKeys}: no JWKS round trip to ourselves. */
@Configuration(proxyBeanMethods = false)
public class SigningKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

    @Bean
    SigningKeys signingKeys(TokenProperties properties, ResourceLoader resourceLoader) {
        TokenProperties.SigningKey config = properties.signingKey();
        if (config.required()
                && (config.privateKey() == null || config.privateKey().isBlank())) {
            throw new IllegalStateException("No signing key configured (connectnow.auth.signing-key.private-key, "
                    + "CONNECTNOW_AUTH_SIGNING_KEY_PRIVATE_KEY) and connectnow.auth.signing-key.required is set: "
                    + "with a generated key, replicas would reject each other's tokens (docs/auth.md, Signing keys)");
        }
        SigningKeys keys = new SigningKeyLoader(resourceLoader)
                .load(config.privateKey(), config.publicKey(), config.retiredPublicKeys());
        if (keys.generated()) {
            log.warn(
                    "No signing key configured (connectnow.auth.signing-key.private-key): using a generated "
                            + "in-memory RSA key with kid {}. Tokens will not survive a restart and replicas will not "
                            + "accept each other's tokens. Configure a key for anything but local development.",
                    keys.currentKeyId());
        } else {
            log.info(
                    "Signing access tokens with key {}; {} retired key(s) still accepted",
                    keys.currentKeyId(),
                    keys.retired().size());
        }
        return keys;
    }
}
