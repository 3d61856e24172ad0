package dev.connectnow.auth.token;

import dev.connectnow.auth.config.AuthProperties;
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
    SigningKeys signingKeys(AuthProperties properties, ResourceLoader resourceLoader) {
        AuthProperties.SigningKey config = properties.getSigningKey();
        SigningKeys keys = new SigningKeyLoader(resourceLoader)
                .load(config.getPrivateKey(), config.getPublicKey(), config.getRetiredPublicKeys());
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
