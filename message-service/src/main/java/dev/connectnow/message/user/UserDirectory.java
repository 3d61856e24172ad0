package dev.connectnow.message.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Usernames from {@code connectnow.user}, for resolving {@code @mentions}; written only by the event handler. */
@Repository
public class UserDirectory {

    private final JdbcTemplate jdbc;

    public UserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A user holding one of the looked-up usernames. */
    public record NamedUser(UUID userId, String username) {}

    /** Users holding any of the (lower-case) usernames (users_username_idx). */
    public List<NamedUser> withUsernames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "select user_id, username from users where username = any(?)",
                (rs, i) -> new NamedUser(rs.getObject(1, UUID.class), rs.getString(2)),
                (Object) usernames.toArray(String[]::new));
    }

    /** Records a username; an event older than what is held changes nothing (so replays cannot go back). */
    public void put(UUID userId, String username, Instant at) {
        jdbc.update("""
                insert into users (user_id, username, updated_at) values (?, ?, ?)
                on conflict (user_id) do update set username = excluded.username, updated_at = excluded.updated_at
                where users.updated_at <= excluded.updated_at""", userId, username, Timestamp.from(at));
    }
}
