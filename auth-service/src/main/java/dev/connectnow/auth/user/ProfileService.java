package dev.connectnow.auth.user;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.user.UserEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading profiles and editing one's own. */
@Service
public class ProfileService {

    private final UserRepository users;
    private final OutboxPublisher outbox;
    private final Clock clock;

    public ProfileService(UserRepository users, OutboxPublisher outbox, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public OwnProfile own(UUID userId) {
        return OwnProfile.of(existing(userId));
    }

    @Transactional(readOnly = true)
    public PublicProfile byId(UUID userId) {
        return PublicProfile.of(existing(userId));
    }

    /**
     * Exact, case-insensitive match. Anything that cannot be a username ({@code %}, {@code _} is fine but
     * {@code ' OR 1=1--} is not) is simply not found: the value is only ever a bound parameter.
     */
    @Transactional(readOnly = true)
    public PublicProfile byUsername(String username) {
        return Usernames.normalize(username)
                .flatMap(users::findByUsername)
                .map(PublicProfile::of)
                .orElseThrow(() -> ApiException.notFound("No such user"));
    }

    /** Applies the fields present in the patch; publishes {@code user.updated} when something changed. */
    @Transactional
    public OwnProfile update(UUID userId, ProfilePatch patch) {
        User user = existing(userId);
        if (patch.displayNameSent() && patch.getDisplayName() == null) {
            throw ApiException.badRequest("The request is not valid")
                    .with("errors", List.of(Map.of("field", "displayName", "message", "must not be null")));
        }
        String displayName = patch.displayNameSent() ? patch.getDisplayName() : user.getDisplayName();
        String avatarUrl = patch.avatarUrlSent() ? patch.getAvatarUrl() : user.getAvatarUrl();
        String bio = patch.bioSent() ? patch.getBio() : user.getBio();
        Instant now = clock.instant();
        if (user.updateProfile(displayName, avatarUrl, bio, now)) {
            outbox.publish(
                    UserEvents.UPDATED,
                    user.getId(),
                    new UserEvents.UserUpdated(
                            user.getId(),
                            user.getUsername(),
                            user.getDisplayName(),
                            user.getAvatarUrl(),
                            user.getBio(),
                            now));
        }
        return OwnProfile.of(user);
    }

    private User existing(UUID userId) {
        return users.findById(userId).orElseThrow(() -> ApiException.notFound("No such user"));
    }
}
