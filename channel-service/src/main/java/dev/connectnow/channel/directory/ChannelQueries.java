package dev.connectnow.channel.directory;

import dev.connectnow.channel.readstate.ReadStateStore;
import dev.connectnow.chassis.data.LikePatterns;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The read side of channels: keyset-paged lists straight from SQL, each served by an index. */
@Repository
public class ChannelQueries {

    private final NamedParameterJdbcTemplate jdbc;

    public ChannelQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Channels of a workspace the user may see (public ones and private ones they belong to), by position,
     * with their membership state; {@code nameContains} is matched literally (LIKE wildcards escaped).
     * Walks channels_workspace_position_idx; the membership join uses channel_members_channel_user_uq.
     */
    public Page<ChannelListItem> visibleChannels(UUID workspaceId, UUID userId, String nameContains, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                select c.id, c.workspace_id, c.name, c.description, c.topic, c.type, c.is_private, c.is_archived,
                       c.position, c.created_at, c.last_message_at,
                       m.id is not null as is_member, coalesce(m.is_muted, false) as is_muted,
                       case when m.id is null then 0 else """ + ReadStateStore.UNREAD_COUNT + """
                       end as unread_count
                from channels c
                left join channel_members m on m.channel_id = c.id and m.user_id = :userId
                where c.workspace_id = :workspaceId and (not c.is_private or m.id is not null)
                """);
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("workspaceId", workspaceId)
                .addValue("userId", userId)
                .addValue("limit", page.limit() + 1);
        if (nameContains != null && !nameContains.isEmpty()) {
            sql.append(" and c.name like :pattern escape '\\'");
            params.addValue("pattern", LikePatterns.contains(nameContains));
        }
        if (!page.first()) {
            sql.append(" and (c.position, c.id) > (:afterPosition, :afterId)");
            params.addValue("afterPosition", page.intPart(0)).addValue("afterId", page.uuidPart(1));
        }
        sql.append(" order by c.position, c.id limit :limit");
        List<ChannelListItem> rows = jdbc.query(sql.toString(), params, ChannelQueries::listItem);
        return Page.of(rows, page.limit(), item -> item, item -> PageRequest.encode(item.position(), item.id()));
    }

    /** Members of a channel in join order (UUIDv7 ids), via channel_members_channel_page_idx. */
    public Page<MemberView> members(UUID channelId, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                select id, channel_id, user_id, role, is_muted, last_read_at, last_read_message_id, joined_at
                from channel_members where channel_id = :channelId""");
        MapSqlParameterSource params =
                new MapSqlParameterSource().addValue("channelId", channelId).addValue("limit", page.limit() + 1);
        if (!page.first()) {
            sql.append(" and id > :afterId");
            params.addValue("afterId", page.uuidPart(0));
        }
        sql.append(" order by id limit :limit");
        List<MemberRow> rows = jdbc.query(
                sql.toString(),
                params,
                (rs, i) -> new MemberRow(
                        rs.getObject("id", UUID.class),
                        new MemberView(
                                rs.getObject("channel_id", UUID.class),
                                rs.getObject("user_id", UUID.class),
                                ChannelRole.valueOf(rs.getString("role")),
                                rs.getBoolean("is_muted"),
                                instant(rs, "last_read_at"),
                                rs.getObject("last_read_message_id", UUID.class),
                                instant(rs, "joined_at"))));
        return Page.of(rows, page.limit(), MemberRow::view, row -> PageRequest.encode(row.id()));
    }

    /**
     * The user's channel memberships in the workspaces they still belong to, by (workspace, channel), via
     * channel_members_user_workspace_idx; each channel's member count is an index-only count on
     * channel_members_channel_page_idx.
     */
    public Page<MembershipItem> membershipsOf(UUID userId, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                select m.channel_id, m.workspace_id, m.role, c.is_private,
                       (select count(*) from channel_members x where x.channel_id = m.channel_id) as member_count
                from channel_members m
                join channels c on c.id = m.channel_id
                join workspace_memberships w
                  on w.workspace_id = m.workspace_id and w.user_id = m.user_id and not w.removed
                where m.user_id = :userId
                  and not exists (select 1 from workspaces d where d.workspace_id = m.workspace_id and d.deleted)
                """);
        MapSqlParameterSource params =
                new MapSqlParameterSource().addValue("userId", userId).addValue("limit", page.limit() + 1);
        if (!page.first()) {
            sql.append(" and (m.workspace_id, m.channel_id) > (:afterWorkspace, :afterChannel)");
            params.addValue("afterWorkspace", page.uuidPart(0)).addValue("afterChannel", page.uuidPart(1));
        }
        sql.append(" order by m.workspace_id, m.channel_id limit :limit");
        List<MembershipItem> rows = jdbc.query(
                sql.toString(),
                params,
                (rs, i) -> new MembershipItem(
                        rs.getObject("channel_id", UUID.class),
                        rs.getObject("workspace_id", UUID.class),
                        ChannelRole.valueOf(rs.getString("role")),
                        rs.getBoolean("is_private"),
                        rs.getLong("member_count")));
        return Page.of(
                rows, page.limit(), item -> item, item -> PageRequest.encode(item.workspaceId(), item.channelId()));
    }

    private record MemberRow(UUID id, MemberView view) {}

    private static ChannelListItem listItem(ResultSet rs, int row) throws SQLException {
        return new ChannelListItem(
                rs.getObject("id", UUID.class),
                rs.getObject("workspace_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("topic"),
                ChannelType.valueOf(rs.getString("type")),
                rs.getBoolean("is_private"),
                rs.getBoolean("is_archived"),
                rs.getInt("position"),
                instant(rs, "created_at"),
                instant(rs, "last_message_at"),
                rs.getBoolean("is_member"),
                rs.getBoolean("is_muted"),
                rs.getLong("unread_count"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
