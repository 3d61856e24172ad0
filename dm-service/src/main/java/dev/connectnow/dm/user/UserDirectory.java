package dev.connectnow.dm.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The local projection of users, written from connectnow.user by the consumer and read on requests. A user
 * exists here once a profile event (registered or updated) was applied. Every write is monotonic — a profile
 * only replaces an older one, ban and unban times only move forward, and "banned" compares the two — so
 * repeated or reordered events leave the same state.
 */
@Repository
public class UserDirectory {

    private static final String BANNED = "banned_at is not null and (unbanned_at is null or banned_at >= unbanned_at)";

    private final JdbcTemplate jdbc;

    public UserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A user's state as far as direct messages are concerned. */
    public record UserState(boolean exists, boolean banned) {

        public static final UserState UNKNOWN = new UserState(false, false);
    }

    public UserState stateOf(UUID userId) {
        List<UserState> states = jdbc.query(
                "select profile_at is not null, " + BANNED + " from users where id = ?",
                (rs, i) -> new UserState(rs.getBoolean(1), rs.getBoolean(2)),
                userId);
        return states.isEmpty() ? UserState.UNKNOWN : states.get(0);
    }

    /** Which of the given users are banned. */
    public Set<UUID> bannedAmong(Collection<UUID> userIds) {
        return jdbc
                .query(
                        "select id from users where id = any(?) and " + BANNED,
                        (rs, i) -> rs.getObject(1, UUID.class),
                        (Object) userIds.toArray(UUID[]::new))
                .stream()
                .collect(Collectors.toUnmodifiableSet());
    }

    // ----- writes, from the user event handler only -----

    /** Records a profile unless the one held is newer; creates the user if unknown. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordProfile(UUID userId, String username, String displayName, String avatarUrl, Instant at) {
        jdbc.update("""
                        insert into users (id, username, display_name, avatar_url, profile_at) values (?, ?, ?, ?, ?)
                        on conflict (id) do update set username = excluded.username,
                            display_name = excluded.display_name, avatar_url = excluded.avatar_url,
                            profile_at = excluded.profile_at
                        where users.profile_at is null or users.profile_at <= excluded.profile_at""", userId, username, displayName, avatarUrl, Timestamp.from(at));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordBan(UUID userId, Instant bannedAt) {
        jdbc.update("""
                        insert into users (id, banned_at) values (?, ?)
                        on conflict (id) do update set banned_at = greatest(users.banned_at, excluded.banned_at)""", userId, Timestamp.from(bannedAt));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordUnban(UUID userId, Instant unbannedAt) {
        jdbc.update("""
                        insert into users (id, unbanned_at) values (?, ?)
                        on conflict (id) do update set unbanned_at = greatest(users.unbanned_at, excluded.unbanned_at)""", userId, Timestamp.from(unbannedAt));
    }
}
