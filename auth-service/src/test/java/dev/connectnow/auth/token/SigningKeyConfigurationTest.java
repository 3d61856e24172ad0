package dev.connectnow.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class SigningKeyConfigurationTest {

    private final SigningKeyConfiguration configuration = new SigningKeyConfiguration();

    @Test
    void withoutAKeyAGeneratedOneServesLocalDevelopment() {
        SigningKeys keys = configuration.signingKeys(withKey("", false), new DefaultResourceLoader());

        assertThat(keys.generated()).isTrue();
    }

    @Test
    void whereAKeyIsRequiredItsAbsenceStopsTheStartInsteadOfGeneratingOne() {
        for (String missing : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> configuration.signingKeys(withKey(missing, true), new DefaultResourceLoader()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CONNECTNOW_AUTH_SIGNING_KEY_PRIVATE_KEY")
                    .hasMessageContaining("replicas");
        }
    }

    @Test
    void aRequiredKeyThatIsConfiguredIsUsed() {
        SigningKeys keys = configuration.signingKeys(
                withKey("classpath:keys/current-private.pem", true), new DefaultResourceLoader());

        assertThat(keys.generated()).isFalse();
    }

    private static TokenProperties withKey(String privateKey, boolean required) {
        return new TokenProperties(null, new TokenProperties.SigningKey(privateKey, null, List.of(), required));
    }
}
