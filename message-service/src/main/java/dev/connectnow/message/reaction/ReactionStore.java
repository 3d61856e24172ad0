package dev.connectnow.message.reaction;

import dev.connectnow.events.message.MessageEvents.ReactionCount;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of reactions. Aggregation is one grouped query for a whole page of messages (never one per
 * message), walking the primary key (message_id, emoji, user_id).
 */
@Repository
public class ReactionStore {

    private final JdbcTemplate jdbc;

    public ReactionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns whether the reaction is new. */
    public boolean add(UUID messageId, String emoji, UUID userId, Instant at) {
        return jdbc.update("""
                        insert into message_reactions (message_id, emoji, user_id, created_at) values (?, ?, ?, ?)
                        on conflict do nothing""", messageId, emoji, userId, Timestamp.from(at)) == 1;
    }

    /** Returns whether there was such a reaction. */
    public boolean remove(UUID messageId, String emoji, UUID userId) {
        return jdbc.update(
                        "delete from message_reactions where message_id = ? and emoji = ? and user_id = ?",
                        messageId,
                        emoji,
                        userId)
                == 1;
    }

    public long count(UUID messageId, String emoji) {
        return jdbc.queryForObject(
                "select count(*) from message_reactions where message_id = ? and emoji = ?",
                Long.class,
                messageId,
                emoji);
    }

    public void removeAll(UUID messageId) {
        jdbc.update("delete from message_reactions where message_id = ?", messageId);
    }

    /** One emoji on one message: how many reacted with it, and whether the viewer did (the REST shape). */
    public record ReactionSummary(String emoji, long count, boolean me) {}

    /**
     * Reactions of every given message, each list in the order the emoji were first used; {@code viewer} may
     * be null (events: {@code me} is always false then).
     */
    public Map<UUID, List<ReactionSummary>> aggregate(Collection<UUID> messageIds, UUID viewer) {
        Map<UUID, List<ReactionSummary>> byMessage = new HashMap<>();
        if (messageIds.isEmpty()) {
            return byMessage;
        }
        jdbc.query(
                """
                select message_id, emoji, count(*) as n, coalesce(bool_or(user_id = ?), false) as me,
                       min(created_at) as first_at
                from message_reactions where message_id = any(?)
                group by message_id, emoji
                order by message_id, first_at, emoji""",
                rs -> {
                    byMessage
                            .computeIfAbsent(rs.getObject("message_id", UUID.class), id -> new ArrayList<>())
                            .add(new ReactionSummary(rs.getString("emoji"), rs.getLong("n"), rs.getBoolean("me")));
                },
                viewer,
                messageIds.toArray(UUID[]::new));
        return byMessage;
    }

    /** The counts of one message, as events carry them (no viewer). */
    public List<ReactionCount> counts(UUID messageId) {
        return aggregate(List.of(messageId), null).getOrDefault(messageId, List.of()).stream()
                .map(a -> new ReactionCount(a.emoji(), a.count()))
                .toList();
    }
}
