package dev.connectnow.auth.sso.provider;

/**
 * A subject token failed a check. The message names the check for the operator's log only: the client gets the
 * same answer for every failed check, so a forger learns nothing about which one caught the token.
 */
public class SubjectTokenRejectedException extends RuntimeException {

    public SubjectTokenRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
