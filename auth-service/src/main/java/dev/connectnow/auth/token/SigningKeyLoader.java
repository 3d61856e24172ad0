package dev.connectnow.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Turns configuration into {@link SigningKeys}. Each value is either PEM text or a resource location
 * ({@code file:/run/secrets/jwt.pem}, {@code classpath:keys/dev.pem}); PEM text from an environment
 * variable may use literal {@code \n} for its line breaks. The key id is the RFC 7638 JWK thumbprint, so
 * it follows from the key itself and never has to be configured or kept in sync.
 */
public final class SigningKeyLoader {

    /** RSA keys shorter than this are refused (NIST SP 800-57: 2048 bits minimum). */
    public static final int MIN_KEY_BITS = 2048;

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private final ResourceLoader resources;

    public SigningKeyLoader() {
        this(new DefaultResourceLoader());
    }

    public SigningKeyLoader(ResourceLoader resources) {
        this.resources = resources;
    }

    /**
     * @param privateKey        PKCS#8 PEM or location; blank means "none configured"
     * @param publicKey         optional X.509 PEM or location of the same key, checked for a match
     * @param retiredPublicKeys public keys still accepted
     * @return configured keys, or a freshly generated key pair (with {@code generated = true}) when no
     * private key is configured
     */
    public SigningKeys load(String privateKey, String publicKey, List<String> retiredPublicKeys) {
        List<RSAKey> retired = new ArrayList<>();
        if (retiredPublicKeys != null) {
            for (String value : retiredPublicKeys) {
                if (value != null && !value.isBlank()) {
                    retired.add(toJwk(parsePublicKey(text(value)), null));
                }
            }
        }
        if (privateKey == null || privateKey.isBlank()) {
            return new SigningKeys(generate(), retired, true);
        }
        RSAPrivateCrtKey key = parsePrivateKey(text(privateKey));
        RSAPublicKey derivedPublic = publicOf(key);
        if (publicKey != null && !publicKey.isBlank()) {
            RSAPublicKey configured = parsePublicKey(text(publicKey));
            if (!configured.getModulus().equals(derivedPublic.getModulus())
                    || !configured.getPublicExponent().equals(derivedPublic.getPublicExponent())) {
                throw new IllegalStateException(
                        "connectnow.auth.signing-key.public-key does not belong to the configured private key");
            }
        }
        return new SigningKeys(toJwk(derivedPublic, key), retired, false);
    }

    /** A new 2048-bit RSA key pair, for development runs without configured keys. */
    public static RSAKey generate() {
        try {
            RSAKey generated = new RSAKeyGenerator(MIN_KEY_BITS).generate();
            return toJwk(generated.toRSAPublicKey(), generated.toRSAPrivateKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an RSA key", e);
        }
    }

    static RSAKey toJwk(RSAPublicKey publicKey, java.security.PrivateKey privateKey) {
        if (publicKey.getModulus().bitLength() < MIN_KEY_BITS) {
            throw new IllegalStateException("RSA signing keys must have at least " + MIN_KEY_BITS + " bits");
        }
        try {
            RSAKey.Builder builder =
                    new RSAKey.Builder(publicKey).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256);
            if (privateKey != null) {
                builder.privateKey(privateKey);
            }
            return builder.keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not compute the key's thumbprint", e);
        }
    }

    private String text(String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("-----BEGIN") || trimmed.contains("\\n-----")) {
            return trimmed.replace("\\n", "\n");
        }
        Resource resource = resources.getResource(trimmed);
        if (!resource.exists()) {
            throw new IllegalStateException("signing key resource not found: " + trimmed);
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("could not read signing key resource " + trimmed, e);
        }
    }

    static RSAPrivateCrtKey parsePrivateKey(String pem) {
        byte[] der = pemBody(
                pem,
                "PRIVATE KEY",
                "expected a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----); convert a PKCS#1 key with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
        try {
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
                    instanceof RSAPrivateCrtKey crt) {
                return crt;
            }
            throw new IllegalStateException("the private key lacks its CRT parameters (public exponent)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the private key is not a valid RSA PKCS#8 key", e);
        }
    }

    static RSAPublicKey parsePublicKey(String pem) {
        byte[] der = pemBody(pem, "PUBLIC KEY", "expected an X.509 PEM public key (-----BEGIN PUBLIC KEY-----)");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the public key is not a valid RSA X.509 key", e);
        }
    }

    private static RSAPublicKey publicOf(RSAPrivateCrtKey key) {
        try {
            BigInteger modulus = key.getModulus();
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pemBody(String pem, String expectedLabel, String problem) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find() || !matcher.group(1).equals(expectedLabel)) {
            throw new IllegalStateException(problem);
        }
        try {
            return Base64.getMimeDecoder().decode(matcher.group(2).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(problem, e);
        }
    }
}
