package dev.connectnow.auth.session;

import dev.connectnow.chassis.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A refresh token that gets no new tokens (401). Thrown from a transaction that must still commit: when a
 * spent token is replayed, the session's revocation has to stick although the request fails.
 */
public class RefreshRejectedException extends ApiException {

    public RefreshRejectedException() {
        super(HttpStatus.UNAUTHORIZED, "The refresh token is invalid, expired or revoked");
    }
}
