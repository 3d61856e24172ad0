package dev.connectnow.auth.password;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first recommended configuration. Spring's own
 * defaults (m = 16 MiB, t = 2) are weaker, so every parameter is spelled out. Raising them later is safe:
 * stored hashes carry their parameters, and a successful login re-hashes a password whose hash is weaker
 * than the current setting ({@link PasswordEncoder#upgradeEncoding}).
 */
@Configuration(proxyBeanMethods = false)
public class PasswordHashing {

    public static final int SALT_LENGTH_BYTES = 16;
    public static final int HASH_LENGTH_BYTES = 32;
    public static final int PARALLELISM = 1;
    /** 19 MiB, in KiB as Argon2 counts it. */
    public static final int MEMORY_KIB = 19 * 1024;

    public static final int ITERATIONS = 2;

    public static PasswordEncoder argon2id() {
        return new Argon2PasswordEncoder(SALT_LENGTH_BYTES, HASH_LENGTH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return argon2id();
    }

    @Bean
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy(CommonPasswords.bundled());
    }
}
