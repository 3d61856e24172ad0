package dev.connectnow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * auth-service's RS256 key pair for local runs, kept in the work directory. Without it auth-service
 * would generate a new key on every start and each devstack restart would invalidate every access
 * token; with it a restart keeps users signed in, as production does with its configured key.
 */
public final class SigningKeyPair {

    public static Path privateKeyFile(Path directory) {
        return directory.resolve("auth-signing-key.pem");
    }

    public static Path publicKeyFile(Path directory) {
        return directory.resolve("auth-signing-key.pub.pem");
    }

    /** Creates the pair in {@code directory} unless it is already there. */
    public static synchronized void ensureIn(Path directory) {
        Path privateKey = privateKeyFile(directory);
        Path publicKey = publicKeyFile(directory);
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the local signing key in " + directory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private SigningKeyPair() {}
}
