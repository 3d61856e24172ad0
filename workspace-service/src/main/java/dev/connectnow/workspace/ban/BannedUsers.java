package dev.connectnow.workspace.ban;

import dev.connectnow.chassis.web.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * This service's view of platform bans, kept from {@code user.banned}/{@code user.unbanned}. Each user's row
 * remembers the latest ban time and the latest unban time; the user is banned while the ban is not older
 * than the unban. Applying events therefore commutes: order of arrival and repetitions do not matter, and
 * an old unban arriving late cannot lift a newer ban.
 */
@Component
public class BannedUsers {

    private final JdbcTemplate jdbc;

    BannedUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isBanned(UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        select exists (select 1 from banned_user
                                       where user_id = ? and banned_at is not null
                                         and (unbanned_at is null or banned_at >= unbanned_at))""", Boolean.class, userId));
    }

    /** Creating and joining workspaces is closed to banned users. */
    public void ensureMayJoinOrCreate(UUID userId) {
        if (isBanned(userId)) {
            throw ApiException.forbidden("Your account is banned: you cannot create or join workspaces");
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordBan(UUID userId, Instant bannedAt) {
        jdbc.update("""
                        insert into banned_user (user_id, banned_at) values (?, ?)
                        on conflict (user_id) do update set banned_at = greatest(banned_user.banned_at, excluded.banned_at)""", userId, Timestamp.from(bannedAt));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordUnban(UUID userId, Instant unbannedAt) {
        jdbc.update("""
                        insert into banned_user (user_id, unbanned_at) values (?, ?)
                        on conflict (user_id) do update
                            set unbanned_at = greatest(banned_user.unbanned_at, excluded.unbanned_at)""", userId, Timestamp.from(unbannedAt));
    }
}
