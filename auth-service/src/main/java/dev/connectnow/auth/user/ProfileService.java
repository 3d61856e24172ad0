package dev.connectnow.auth.user;

import dev.connectnow.chassis.web.ApiException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading profiles and editing one's own. */
@Service
public class ProfileService {

    private final UserRepository users;
    private final UserEventPublisher events;
    private final Clock clock;

    ProfileService(UserRepository users, UserEventPublisher events, Clock clock) {
        this.users = users;
        this.events = events;
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

    /** Applies the fields sent; publishes {@code user.updated} when something changed. */
    @Transactional
    public OwnProfile update(UUID userId, UpdateProfileRequest request) {
        User user = existing(userId);
        boolean changed = user.updateProfile(
                request.displayName().applyTo(user.getDisplayName()),
                request.avatarUrl().applyTo(user.getAvatarUrl()),
                request.bio().applyTo(user.getBio()),
                clock.instant());
        if (changed) {
            events.updated(user);
        }
        return OwnProfile.of(user);
    }

    private User existing(UUID userId) {
        return users.findById(userId).orElseThrow(() -> ApiException.notFound("No such user"));
    }
}
