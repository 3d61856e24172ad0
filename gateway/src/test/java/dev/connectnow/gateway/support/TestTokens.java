package dev.connectnow.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues access tokens the way auth-service does (RS256, {@code kid}, iss/aud/sub/sid/iat/exp)
 * and the forged variants the edge must refuse.
 */
public final class TestTokens {

    public static final String ISSUER = "connectnow";

    public static final String AUDIENCE = "connectnow";

    /** The issuer's key, published in the JWKS. */
    public static final RSAKey KEY = generate("test-key-1");

    /** An attacker's key that claims the same key id. */
    public static final RSAKey ATTACKER = generate("test-key-1");

    private TestTokens() {}

    public static String jwks() {
        return new JWKSet(KEY.toPublicJWK()).toString();
    }

    public static JWTClaimsSet.Builder claims(UUID userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId.toString())
                .claim("sid", UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    public static String valid(UUID userId) {
        return sign(claims(userId).build());
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(KEY, header(KEY.getKeyID()).build(), claims);
    }

    public static JWSHeader.Builder header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT);
    }

    public static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** {@code alg: none}, no signature. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** {@code alg: none} but with the real key id in the header. */
    public static String unsignedWithKid(JWTClaimsSet claims) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + KEY.getKeyID() + "\",\"typ\":\"JWT\"}")
                .toString();
        return header + "." + Base64URL.encode(claims.toString()) + ".";
    }

    /** HS256 "signed" with the issuer's public key bytes as the HMAC secret. */
    public static String hmacWithPublicKey(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(KEY.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new MACSigner(KEY.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A valid token whose payload was swapped afterwards (the signature no longer matches). */
    public static String tampered(UUID victim) {
        String[] parts = valid(UUID.randomUUID()).split("\\.");
        String forgedPayload =
                Base64URL.encode(claims(victim).build().toString()).toString();
        return parts[0] + "." + forgedPayload + "." + parts[2];
    }

    /** Signed by the attacker, who embeds their own public key in the {@code jwk} header. */
    public static String embeddedJwk(JWTClaimsSet claims) {
        return sign(ATTACKER, header(KEY.getKeyID()).jwk(ATTACKER.toPublicJWK()).build(), claims);
    }

    /** Signed by the attacker, who points {@code jku} at their own key set. */
    public static String foreignJku(JWTClaimsSet claims, URI jku) {
        return sign(ATTACKER, header(KEY.getKeyID()).jwkURL(jku).build(), claims);
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
