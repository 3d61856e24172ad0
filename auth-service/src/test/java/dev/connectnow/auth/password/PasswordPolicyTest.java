package dev.connectnow.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(CommonPasswords.bundled());

    @Test
    void lengthIsCountedInCodePoints() {
        assertThat(policy.violations("Abc1234")).isNotEmpty(); // 7
        assertThat(policy.violations("Zq8#vT1m")).isEmpty(); // 8
        assertThat(policy.violations("🦄🐙🎸🍕🌍💡🚀🎉")).isEmpty(); // 8 emoji = 16 UTF-16 units
        assertThat(policy.violations("🦄🐙🎸🍕🌍💡🚀")).isNotEmpty(); // 7 emoji = 14 UTF-16 units
        assertThat(policy.violations("🦄".repeat(128))).isEmpty();
        assertThat(policy.violations("🦄".repeat(129))).isNotEmpty();
        assertThat(policy.violations("x".repeat(64) + " long passphrase")).isEmpty();
        assertThat(policy.violations("")).isNotEmpty();
        assertThat(policy.violations(null)).isNotEmpty();
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(policy.violations("password123")).singleElement().asString().contains("common");
        assertThat(policy.violations("PassWord123")).isNotEmpty();
        assertThat(policy.violations("qwertyuiop")).isNotEmpty();
        assertThat(policy.violations("iloveyou")).isNotEmpty(); // from the public-domain list
        assertThat(CommonPasswords.bundled().size()).isGreaterThan(500);
        assertThat(CommonPasswords.bundled().contains("# --- part 2: ConnectNow additions"))
                .isFalse();
    }

    @Test
    void thePasswordMayNotBeTheAccountsOwnName() {
        assertThat(policy.violations("Ada.Lovelace", "ada.lovelace", "ada@example.com"))
                .isNotEmpty();
        assertThat(policy.violations("ADA@example.com", "ada.lovelace", "ada@example.com"))
                .isNotEmpty();
        assertThat(policy.violations("ada.lovelace!", "ada.lovelace", "ada@example.com"))
                .isEmpty();
    }

    @Test
    void aCustomListIsComparedLowerCased() {
        PasswordPolicy custom = new PasswordPolicy(CommonPasswords.of(Set.of("Correct-Horse")));
        assertThat(custom.violations("correct-horse")).isNotEmpty();
        assertThat(custom.violations("correct-horses")).isEmpty();
    }

    @Test
    void hashesAreArgon2idWithTheOwaspParameters() {
        PasswordEncoder encoder = PasswordHashing.argon2id();
        String hash = encoder.encode("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(encoder.matches("correct horse battery staple", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery stapl", hash)).isFalse();
        assertThat(encoder.upgradeEncoding(hash)).isFalse();
        // a hash made with weaker (Spring default) parameters is upgraded at the next login
        String weak = org.springframework.security.crypto.argon2.Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()
                .encode("x");
        assertThat(encoder.upgradeEncoding(weak)).isTrue();
    }
}
