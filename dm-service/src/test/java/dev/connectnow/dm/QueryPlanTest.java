package dev.connectnow.dm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.dm.conversation.ConversationQueries;
import dev.connectnow.dm.conversation.DirectMessageRepository;
import dev.connectnow.dm.support.DmIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Every paging or filtering query has an index that serves it: EXPLAIN of the exact SQL the service runs, on
 * tables with enough rows (and fresh statistics) that PostgreSQL would rather scan them if no index fit. The
 * bulk rows get a database of their own so that they cannot disturb other tests' assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTest extends DmIntegrationTest {

    private static final UUID ME = UUID.fromString("80000000-0000-7000-8000-000000000001");
    private static final UUID BUSY = UUID.fromString("80000000-0000-7000-8000-0000000000c0");

    @Autowired
    NamedParameterJdbcTemplate named;

    @BeforeAll
    void manyRows(@Autowired JdbcTemplate jdbc) {
        // 20 000 conversations of random pairs, 2 000 of them with ME on either side
        jdbc.update("""
                insert into direct_conversations (id, user_a_id, user_b_id, last_message_at, created_at, updated_at)
                select gen_random_uuid(), least(x, y), greatest(x, y),
                       case when n % 3 = 0 then null else now() - n * interval '1 minute' end,
                       now() - n * interval '1 minute' - interval '1 day', now()
                from (select n, case when n <= 2000 then ?::uuid else gen_random_uuid() end as x,
                             gen_random_uuid() as y
                      from generate_series(1, 20000) n) pairs""", ME);
        jdbc.update("""
                insert into direct_conversations (id, user_a_id, user_b_id, created_at, updated_at)
                values (?, ?, ?, now(), now())""", BUSY, ME, UUID.fromString("ffffffff-0000-7000-8000-000000000001"));
        // 40 000 messages in one conversation, all read but the last 5, and 20 000 spread over others
        jdbc.update("""
                insert into direct_messages (id, conversation_id, seq, sender_id, content, type, is_read, read_at,
                                             created_at, updated_at)
                select gen_random_uuid(), ?, n, ?, 'message ' || n, 'TEXT', n <= 39995,
                       case when n <= 39995 then now() end, now(), now()
                from generate_series(1, 40000) n""", BUSY, ME);
        jdbc.update("update direct_conversations set last_message_seq = 40000 where id = ?", BUSY);
        jdbc.update("""
                insert into direct_messages (id, conversation_id, seq, sender_id, content, type, created_at,
                                             updated_at)
                select gen_random_uuid(), c.id, s, c.user_a_id, 'hi', 'TEXT', now(), now()
                from (select id, user_a_id from direct_conversations where id <> ? limit 2000) c,
                     generate_series(1, 10) s""", BUSY);
        jdbc.execute("analyze direct_conversations");
        jdbc.execute("analyze direct_messages");
        jdbc.execute("analyze users");
    }

    private String plan(String sql, Map<String, ?> params) {
        List<String> lines = named.queryForList("explain " + sql, params, String.class);
        return String.join("\n", lines);
    }

    @Test
    void myConversationsWalkOneIndexPerSideOfThePairAndNeverSort() {
        for (boolean first : List.of(true, false)) {
            String plan = plan(
                    ConversationQueries.listSql(first),
                    Map.of(
                            "me",
                            ME,
                            "limit",
                            51,
                            "afterAt",
                            Timestamp.from(Instant.now().minusSeconds(3600)),
                            "afterId",
                            UUID.randomUUID()));
            assertThat(plan)
                    .as(plan)
                    .contains("direct_conversations_user_a_activity_idx")
                    .contains("direct_conversations_user_b_activity_idx")
                    .doesNotContain("Seq Scan on direct_conversations")
                    .doesNotContainPattern("(?m)^\\s*->\\s*Sort\\b");
        }
    }

    @Test
    void aPageOfMessagesIsARangeOfTheConversationSeqIndex() {
        String plan = plan(
                DirectMessageRepository.PAGE_SQL.replace(":limit", "51"),
                Map.of("conversationId", BUSY, "beforeSeq", 20000L));
        assertThat(plan)
                .as(plan)
                .contains("Index Scan Backward using direct_messages_conversation_seq_uq on direct_messages")
                .doesNotContain("Seq Scan")
                .doesNotContain("Sort");
    }

    @Test
    void markingReadVisitsOnlyUnreadMessages() {
        String plan = plan(
                DirectMessageRepository.MARK_READ_SQL,
                Map.of("at", Timestamp.from(Instant.now()), "conversationId", BUSY, "seq", 40000L, "senderId", ME));
        assertThat(plan).as(plan).contains("direct_messages_unread_idx").doesNotContain("Seq Scan");
    }

    @Test
    void findOrCreateLooksThePairUpByAnIndex() {
        String plan = plan(
                "select id from direct_conversations where user_a_id = :a and user_b_id = :b",
                Map.of("a", ME, "b", UUID.fromString("ffffffff-0000-7000-8000-000000000001")));
        assertThat(plan)
                .as(plan)
                .containsPattern("Index (Only )?Scan using direct_conversations_")
                .doesNotContain("Seq Scan");
    }
}
