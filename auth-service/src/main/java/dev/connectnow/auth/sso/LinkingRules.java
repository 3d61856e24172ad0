package dev.connectnow.auth.sso;

/**
 * Which ConnectNow account a provider identity signs into when it is not linked yet, and when an identity may be
 * unlinked. Pure, so every combination is unit-tested.
 *
 * <ul>
 *   <li>The provider's e-mail address belongs to an existing account: that account is signed into (and the
 *       identity linked to it) only when the provider is trusted for verified addresses and says this one is
 *       verified. Otherwise the answer is a conflict: the owner must sign in and link the identity explicitly, so
 *       nobody can take over an account by typing its address into a provider.</li>
 *   <li>No account has the address (or the token carries none): a new account is provisioned; it gets the
 *       address only when the provider says it is verified.</li>
 *   <li>Unlinking never removes the last way to sign in: an account without a password keeps at least one
 *       identity.</li>
 * </ul>
 */
public final class LinkingRules {

    public enum NewIdentity {
        LINK_EXISTING_ACCOUNT,
        PROVISION_ACCOUNT,
        CONFLICT
    }

    /**
     * @param providerTrustedForEmail the provider's {@code trust-verified-email}
     * @param emailVerified           the token says {@code email_verified: true}
     * @param accountHasEmail         an account already has the token's e-mail address (case-insensitive)
     */
    public static NewIdentity forNewIdentity(
            boolean providerTrustedForEmail, boolean emailVerified, boolean accountHasEmail) {
        if (!accountHasEmail) {
            return NewIdentity.PROVISION_ACCOUNT;
        }
        return providerTrustedForEmail && emailVerified ? NewIdentity.LINK_EXISTING_ACCOUNT : NewIdentity.CONFLICT;
    }

    public static boolean mayUnlink(boolean accountHasPassword, long linkedIdentities) {
        return accountHasPassword || linkedIdentities > 1;
    }

    private LinkingRules() {}
}
