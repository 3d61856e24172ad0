package dev.connectnow.auth.sso;

import dev.connectnow.auth.account.TokenResponse;
import dev.connectnow.auth.session.ClientInfo;
import dev.connectnow.auth.sso.provider.OidcProviders;
import dev.connectnow.auth.sso.provider.ProviderUnavailableException;
import dev.connectnow.auth.sso.provider.SubjectTokenRejectedException;
import dev.connectnow.auth.sso.provider.SubjectTokenType;
import dev.connectnow.auth.sso.provider.VerifiedSubjectToken;
import dev.connectnow.auth.token.AccessTokenIssuer;
import dev.connectnow.chassis.data.UniqueConstraints;
import dev.connectnow.chassis.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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

    private static final Set<String> RACED_CONSTRAINTS = Set.of(
            "users_username_uq",
            "users_email_lower_uq",
            "external_identities_issuer_subject_uq",
            "external_identities_user_issuer_uq");

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
        } catch (ProviderUnavailableException e) {
            throw unavailable(e);
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
        } catch (ProviderUnavailableException e) {
            throw unavailable(e);
        }
    }

    public List<IdentityView> mine(UUID userId) {
        return store.mine(userId).stream().map(IdentityView::of).toList();
    }

    public void unlink(UUID userId, UUID identityId) {
        store.unlink(userId, identityId);
    }

    /** A temporary condition on the provider's side: 503 with {@code Retry-After}, never 500. */
    private static ApiException unavailable(ProviderUnavailableException e) {
        Duration retryAfter = Duration.ofSeconds(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
        return ApiException.serviceUnavailable(
                        "The identity provider cannot be reached right now; try again shortly", retryAfter)
                .with("provider", e.provider());
    }

    private static <T> T retryingRaces(Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (DataIntegrityViolationException e) {
                // a concurrent first sign-in took the username, address or identity: the next attempt sees it
                boolean race = UniqueConstraints.violatedConstraint(e)
                        .filter(RACED_CONSTRAINTS::contains)
                        .isPresent();
                if (!race || attempt == ATTEMPTS) {
                    throw e;
                }
            } catch (OptimisticLockingFailureException e) {
                // a password login of the same account recorded its login first
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
