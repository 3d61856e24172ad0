package dev.connectnow.message.conversation;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Direct conversations and their two participants, from {@code dm.conversation.created}: who may download
 * the attachments of a direct message (contract 1 in the brief).
 */
@Repository
public class ConversationDirectory {

    private final JdbcTemplate jdbc;

    public ConversationDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isParticipant(UUID conversationId, UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from dm_conversations where id = ? and (user_a_id = ? or user_b_id = ?))",
                Boolean.class,
                conversationId,
                userId,
                userId));
    }

    public void record(UUID conversationId, UUID userA, UUID userB) {
        jdbc.update(
                "insert into dm_conversations (id, user_a_id, user_b_id) values (?, ?, ?) on conflict (id) do nothing",
                conversationId,
                userA,
                userB);
    }
}
