package dev.connectnow.auth.sso;

import dev.connectnow.auth.account.TokenResponse;
import dev.connectnow.auth.session.ClientInfo;
import dev.connectnow.auth.sso.provider.OidcProviders;
import dev.connectnow.auth.sso.provider.SubjectTokenRejectedException;
import dev.connectnow.auth.sso.provider.SubjectTokenType;
import dev.connectnow.auth.sso.provider.VerifiedSubjectToken;
import dev.connectnow.auth.token.AccessTokenIssuer;
import dev.connectnow.chassis.web.ApiException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Single sign-on: the token exchange and the management of linked identities. The provider's token is verified
 * first (which may fetch the provider's keys: time-limited, outside any transaction), then {@link IdentityStore}
 * does the database work.
 *
 * <p>A refused provider token gets one answer whatever the check that failed (unknown issuer, signature, expiry,
 * audience, type, replay), so a client learns only that this token is not accepted; the log line says which
 * check it was.
 */
@Service
public class SingleSignOnService {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnService.class);
    static final String NOT_ACCEPTED = "The identity provider's token is not accepted; sign in with the provider again";
    /** Races with concurrent sign-ins are retried; the next attempt sees the winner's rows. */
    private static final int ATTEMPTS = 3;

    private final OidcProviders providers;
    private final IdentityStore store;
    private final AccessTokenIssuer tokens;

    public SingleSignOnService(OidcProviders providers, IdentityStore store, AccessTokenIssuer tokens) {
        this.providers = providers;
        this.store = store;
        this.tokens = tokens;
    }

    /** {@code POST /api/auth/token}: 400 for a malformed request, 401 for a refused token, 503 provider down. */
    public TokenResponse exchange(TokenExchangeRequest request, ClientInfo client) {
        SubjectTokenType type = request.validate();
        try {
            VerifiedSubjectToken token = providers.verify(request.subjectToken(), type);
            IdentityStore.SignedIn signedIn = retryingRaces(() -> store.signIn(token, client));
            return TokenResponse.signedIn(
                    tokens,
                    signedIn.user(),
                    signedIn.session().session().getId(),
                    signedIn.session().refreshToken());
        } catch (SubjectTokenRejectedException e) {
            log.info("Token exchange refused: {}", e.getMessage());
            throw ApiException.unauthorized(NOT_ACCEPTED).with("error", "invalid_request");
        }
    }

    /**
     * Links the provider account of the token to the caller's account. A refused token is a 400 here (the
     * caller's own session is fine, so no 401 that would make a client sign out).
     */
    public IdentityStore.Linked link(UUID userId, LinkIdentityRequest request) {
        SubjectTokenType type = SubjectTokenType.fromUri(request.subjectTokenType())
                .orElseThrow(() -> ApiException.invalidField(
                        "subjectTokenType",
                        "must be " + SubjectTokenType.ID_TOKEN.uri() + " or " + SubjectTokenType.ACCESS_TOKEN.uri()));
        try {
            VerifiedSubjectToken token = providers.verify(request.subjectToken(), type);
            return retryingRaces(() -> store.link(userId, token));
        } catch (SubjectTokenRejectedException e) {
            log.info("Identity link refused: {}", e.getMessage());
            throw ApiException.invalidField("subjectToken", "is not accepted: sign in with the provider again");
        }
    }

    public List<IdentityView> mine(UUID userId) {
        return store.mine(userId).stream().map(IdentityView::of).toList();
    }

    public void unlink(UUID userId, UUID identityId) {
        store.unlink(userId, identityId);
    }

    private static <T> T retryingRaces(Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (DataIntegrityViolationException | OptimisticLockingFailureException e) {
                // a concurrent first sign-in took the username, address or identity, or a concurrent sign-in of
                // the same account recorded its login first: the next attempt sees what it committed
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
