package dev.connectnow.realtime.socket;

import java.time.Instant;
import java.util.UUID;

/** Checks an access token as every service does (signature, issuer, audience, expiry, {@code sub}, {@code sid}). */
@FunctionalInterface
public interface TokenVerifier {

    /**
     * @throws InvalidTokenException for a token that is not valid (close 4001); any other exception means the
     *                               keys could not be obtained (close 4013, try again later)
     */
    VerifiedToken verify(String token);

    record VerifiedToken(UUID userId, UUID sessionId, Instant issuedAt, Instant expiresAt) {}

    final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
