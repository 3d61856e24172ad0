package dev.connectnow.workspace.directory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Invite codes are bearer secrets: whoever holds one may join. 144 random bits from the system CSPRNG,
 * base64url without padding: 24 URL-safe characters, unguessable, no need to escape in links.
 */
public final class InviteCodes {

    public static final int RANDOM_BYTES = 18;
    public static final int MAX_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private InviteCodes() {}
}
