package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.dm.user.PublicProfile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The read side of conversations: "mine" newest activity first, each with the other user and unreadCount. */
@Repository
public class ConversationQueries {

    private static final long LATEST_CURSOR_MICROS = micros(Instant.parse("9999-12-31T23:59:59Z"));

    private final NamedParameterJdbcTemplate jdbc;

    public ConversationQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The list query. The caller is user A of some conversations and user B of others: each side is one
     * backward range scan of its (user_x_id, activity_at, id) index, limited to the page, and the two
     * (at most 2 × limit rows) are merged; the profile join is a primary-key lookup per row. Proved by
     * ConversationQueryPlanTest. {@code :me}, {@code :limit}, and after the first page {@code :afterAt},
     * {@code :afterId}.
     */
    public static String listSql(boolean firstPage) {
        String after = firstPage ? "" : " and (activity_at, id) < (:afterAt, :afterId)";
        return """
                select c.id, c.other_id, c.last_message_at, c.last_message_seq - c.my_read_seq as unread_count,
                       c.created_at, c.updated_at, c.activity_at, u.username, u.display_name, u.avatar_url
                from (
                    (select id, user_b_id as other_id, user_a_last_read_seq as my_read_seq, last_message_seq,
                            last_message_at, created_at, updated_at, activity_at
                     from direct_conversations where user_a_id = :me%1$s
                     order by activity_at desc, id desc limit :limit)
                    union all
                    (select id, user_a_id as other_id, user_b_last_read_seq as my_read_seq, last_message_seq,
                            last_message_at, created_at, updated_at, activity_at
                     from direct_conversations where user_b_id = :me%1$s
                     order by activity_at desc, id desc limit :limit)
                ) c
                left join users u on u.id = c.other_id
                order by c.activity_at desc, c.id desc limit :limit""".formatted(after);
    }

    Page<ConversationView> mine(UUID me, PageRequest page) {
        MapSqlParameterSource params =
                new MapSqlParameterSource().addValue("me", me).addValue("limit", page.limit() + 1);
        if (!page.first()) {
            params.addValue("afterAt", Timestamp.from(fromMicros(page.longPart(0))))
                    .addValue("afterId", page.uuidPart(1));
        }
        List<Row> rows = jdbc.query(listSql(page.first()), params, ConversationQueries::row);
        return Page.of(rows, page.limit(), Row::view, Row::cursor);
    }

    /** One conversation as {@code me} sees it. */
    ConversationView view(Conversation conversation, UUID me) {
        UUID other = conversation.otherParticipant(me);
        List<PublicProfile> profiles = jdbc.query(
                "select username, display_name, avatar_url from users where id = :id",
                new MapSqlParameterSource("id", other),
                (rs, i) -> profile(other, rs));
        return new ConversationView(
                conversation.id(),
                profiles.isEmpty() ? new PublicProfile(other, null, null, null) : profiles.get(0),
                conversation.lastMessageAt(),
                conversation.unreadCountFor(me),
                conversation.createdAt(),
                conversation.updatedAt());
    }

    private record Row(ConversationView view, Instant activityAt) {

        String cursor() {
            return PageRequest.encode(micros(activityAt), view.id());
        }
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        UUID other = rs.getObject("other_id", UUID.class);
        return new Row(
                new ConversationView(
                        rs.getObject("id", UUID.class),
                        profile(other, rs),
                        ConversationStore.instant(rs, "last_message_at"),
                        Math.max(0, rs.getLong("unread_count")),
                        ConversationStore.instant(rs, "created_at"),
                        ConversationStore.instant(rs, "updated_at")),
                ConversationStore.instant(rs, "activity_at"));
    }

    /** A user the projection does not know (yet) still shows with their id. */
    private static PublicProfile profile(UUID id, ResultSet rs) throws SQLException {
        return new PublicProfile(
                id, rs.getString("username"), rs.getString("display_name"), rs.getString("avatar_url"));
    }

    private static long micros(Instant time) {
        return time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
    }

    /** Cursor times lie between 1970 and 9999 (PostgreSQL's range is wider); anything else is not ours. */
    private static Instant fromMicros(long micros) {
        if (micros < 0 || micros > LATEST_CURSOR_MICROS) {
            throw ApiException.invalidField("cursor", "is not a valid cursor");
        }
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
