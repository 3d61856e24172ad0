package dev.connectnow.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyLoaderTest {

    private final SigningKeyLoader loader = new SigningKeyLoader();

    @Test
    void loadsAPkcs8KeyFromInlinePemWithEscapedNewlines() throws Exception {
        String pem = resource("keys/current-private.pem");
        SigningKeys keys = loader.load(pem.replace("\n", "\\n"), null, List.of());

        assertThat(keys.generated()).isFalse();
        assertThat(keys.currentKeyId())
                .isEqualTo(keys.current().computeThumbprint().toString());
        assertThat(keys.current().isPrivate()).isTrue();
    }

    @Test
    void loadsKeysFromLocationsAndPublishesOnlyPublicParts(@TempDir Path dir) throws Exception {
        Path privateFile = dir.resolve("jwt.pem");
        Files.writeString(privateFile, resource("keys/current-private.pem"));

        SigningKeys keys = loader.load(
                "file:" + privateFile,
                "classpath:keys/current-public.pem",
                List.of("classpath:keys/retired-public.pem"));

        JWKSet published = keys.publicKeys();
        assertThat(published.getKeys()).hasSize(2);
        for (JWK key : published.getKeys()) {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        }
        assertThat(published.getKeys().get(0).getKeyID()).isEqualTo(keys.currentKeyId());
        assertThat(published.toString()).doesNotContain("\"d\"");
    }

    @Test
    void aPublicKeyOfAnotherPairIsRejected() {
        assertThatThrownBy(() -> loader.load(
                        "classpath:keys/current-private.pem", "classpath:keys/retired-public.pem", List.of()))
                .hasMessageContaining("does not belong");
    }

    @Test
    void unsupportedOrBrokenInputFailsWithAClearMessage() throws Exception {
        assertThatThrownBy(() -> loader.load(
                        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", null, List.of()))
                .hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> loader.load("classpath:keys/missing.pem", null, List.of()))
                .hasMessageContaining("not found");

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String weak = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> loader.load(weak, null, List.of())).hasMessageContaining("2048");
    }

    @Test
    void withoutConfigurationAKeyIsGenerated() {
        SigningKeys keys = loader.load("  ", null, List.of());

        assertThat(keys.generated()).isTrue();
        RSAKey key = keys.current();
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.size()).isGreaterThanOrEqualTo(2048);
        assertThat(loader.load(null, null, null).currentKeyId()).isNotEqualTo(keys.currentKeyId());
    }

    private static String resource(String path) throws Exception {
        try (InputStream in = SigningKeyLoaderTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
