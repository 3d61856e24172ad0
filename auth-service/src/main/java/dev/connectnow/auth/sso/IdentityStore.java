package dev.connectnow.auth.sso;

import dev.connectnow.auth.account.AccountService;
import dev.connectnow.auth.session.ClientInfo;
import dev.connectnow.auth.session.SessionService;
import dev.connectnow.auth.sso.provider.OidcProperties;
import dev.connectnow.auth.sso.provider.SubjectTokenRejectedException;
import dev.connectnow.auth.sso.provider.VerifiedSubjectToken;
import dev.connectnow.auth.user.Emails;
import dev.connectnow.auth.user.User;
import dev.connectnow.auth.user.UserEventPublisher;
import dev.connectnow.auth.user.UserRepository;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.UuidV7;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional steps of single sign-on, after the provider's token was verified (the network calls for
 * that happen before, outside any transaction). Each step first spends the token (replay window), so a token
 * signs in or links once.
 */
@Component
class IdentityStore {

    private static final Logger log = LoggerFactory.getLogger(IdentityStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExternalIdentityRepository identities;
    private final UserRepository users;
    private final SessionService sessions;
    private final ExchangedTokens exchanged;
    private final UserEventPublisher events;
    private final Clock clock;
    private final Duration clockSkew;

    IdentityStore(
            ExternalIdentityRepository identities,
            UserRepository users,
            SessionService sessions,
            ExchangedTokens exchanged,
            UserEventPublisher events,
            Clock clock,
            OidcProperties settings) {
        this.identities = identities;
        this.users = users;
        this.sessions = sessions;
        this.exchanged = exchanged;
        this.events = events;
        this.clock = clock;
        this.clockSkew = settings.clockSkew();
    }

    /**
     * Signs in the account linked to the token's identity; an unlinked identity links an existing account or
     * provisions a new one ({@link LinkingRules}). Opens a device session like a password login.
     */
    @Transactional
    SignedIn signIn(VerifiedSubjectToken token, ClientInfo client) {
        spend(token);
        Instant now = clock.instant();
        Optional<ExternalIdentity> linked = identities.findByIssuerAndSubject(token.issuer(), token.subject());
        User user;
        if (linked.isPresent()) {
            linked.get().used(token, now);
            // locked: concurrent sign-ins of one account (two tabs) take turns instead of colliding on its version
            user = users.findByIdForUpdate(linked.get().getUserId()).orElseThrow();
        } else {
            user = linkOrProvision(token, now);
        }
        if (user.isBanned()) {
            throw AccountService.banned();
        }
        user.recordLogin(now);
        return new SignedIn(user, sessions.open(user.getId(), client));
    }

    /** Links the token's identity to the caller's account; {@code created} is false when it already was. */
    @Transactional
    Linked link(UUID userId, VerifiedSubjectToken token) {
        spend(token);
        Instant now = clock.instant();
        Optional<ExternalIdentity> existing = identities.findByIssuerAndSubject(token.issuer(), token.subject());
        if (existing.isPresent()) {
            if (!existing.get().getUserId().equals(userId)) {
                throw ApiException.conflict("This " + token.provider().name()
                                + " account is already linked to another ConnectNow account")
                        .with("provider", token.provider().name());
            }
            existing.get().used(token, now);
            return new Linked(existing.get(), false);
        }
        if (identities.existsByUserIdAndIssuer(userId, token.issuer())) {
            throw ApiException.conflict("Your account is already linked to another "
                            + token.provider().name() + " account; unlink that one first")
                    .with("provider", token.provider().name());
        }
        ExternalIdentity identity = identities.saveAndFlush(ExternalIdentity.link(userId, token, now));
        log.info(
                "User {} linked an identity at provider {}",
                userId,
                token.provider().name());
        return new Linked(identity, true);
    }

    /** Never the last way to sign in: an account without a password keeps one identity. */
    @Transactional
    void unlink(UUID userId, UUID identityId) {
        // the user row lock serializes concurrent unlinks, so two of them cannot both remove "the other one"
        User user = users.findByIdForUpdate(userId).orElseThrow(() -> ApiException.notFound("No such user"));
        ExternalIdentity identity = identities
                .findById(identityId)
                .filter(candidate -> candidate.getUserId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("No such identity"));
        if (!LinkingRules.mayUnlink(user.hasPassword(), identities.countByUserId(userId))) {
            throw ApiException.conflict(
                    "This is the only way to sign in to your account; link another provider before removing it");
        }
        identities.delete(identity);
        log.info("User {} unlinked an identity at provider {}", userId, identity.getProvider());
    }

    @Transactional(readOnly = true)
    List<ExternalIdentity> mine(UUID userId) {
        return identities.findByUserIdOrderByCreatedAtAscIdAsc(userId);
    }

    private void spend(VerifiedSubjectToken token) {
        if (!exchanged.firstUse(token.fingerprint(), token.expiresAt().plus(clockSkew))) {
            throw new SubjectTokenRejectedException(
                    "already used (" + token.provider().name() + ")");
        }
    }

    private User linkOrProvision(VerifiedSubjectToken token, Instant now) {
        String email = Emails.isValid(token.email()) ? token.email() : null;
        Optional<User> holder = email == null ? Optional.empty() : users.findByEmailIgnoreCase(email);
        LinkingRules.NewIdentity decision = LinkingRules.forNewIdentity(
                token.provider().trustVerifiedEmail(), token.emailVerified(), holder.isPresent());
        return switch (decision) {
            case LINK_EXISTING_ACCOUNT -> {
                User user = holder.orElseThrow();
                identities.saveAndFlush(ExternalIdentity.link(user.getId(), token, now));
                log.info(
                        "User {} signed in through provider {} for the first time, linked by verified e-mail",
                        user.getId(),
                        token.provider().name());
                yield user;
            }
            case CONFLICT ->
                throw ApiException.conflict("An account with this e-mail address already exists. "
                                + "Sign in to it, then link your "
                                + token.provider().name()
                                + " account under your account's sign-in methods")
                        .with("provider", token.provider().name());
            case PROVISION_ACCOUNT -> provision(token, token.emailVerified() ? email : null, now);
        };
    }

    private User provision(VerifiedSubjectToken token, String verifiedEmail, Instant now) {
        String base = ProvisionedProfile.usernameBase(token.preferredUsername(), token.email(), token.name());
        List<String> candidates = ProvisionedProfile.usernameCandidates(base, RANDOM);
        // the first free candidate; the unique index still decides a race (the service retries)
        String username = candidates.stream()
                .filter(candidate -> !users.existsByUsername(candidate))
                .findFirst()
                .orElse(candidates.get(candidates.size() - 1));
        String displayName = ProvisionedProfile.displayName(
                token.name(), token.givenName(), token.familyName(), token.preferredUsername(), username);
        User user = users.saveAndFlush(User.provisioned(UuidV7.next(), verifiedEmail, username, displayName, now));
        identities.saveAndFlush(ExternalIdentity.link(user.getId(), token, now));
        events.registered(user);
        log.info(
                "User {} provisioned through provider {}",
                user.getId(),
                token.provider().name());
        return user;
    }

    record SignedIn(User user, SessionService.OpenedSession session) {}

    record Linked(ExternalIdentity identity, boolean created) {}
}
