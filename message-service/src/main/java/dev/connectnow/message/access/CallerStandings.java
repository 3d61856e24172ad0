package dev.connectnow.message.access;

import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.access.MessageAccess.ChannelContext;
import dev.connectnow.message.channel.ChannelState;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A caller's standing in a channel — the live channel, their role in its (live) workspace and their channel
 * role — read from the projections in one statement of primary-key lookups: every request of the service is
 * authorized with it, so it is one round trip, not three.
 */
@Repository
class CallerStandings {

    private final JdbcTemplate jdbc;

    CallerStandings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty if the channel is unknown or deleted; roles are null where the caller has none. */
    Optional<ChannelContext> load(UUID channelId, UUID userId) {
        return jdbc
                .query(
                        """
                        select c.id, c.workspace_id, c.name, c.topic, c.is_private, c.is_archived,
                               wm.role as workspace_role, cm.role as channel_role
                        from channels c
                        left join workspace_memberships wm
                               on wm.workspace_id = c.workspace_id and wm.user_id = ? and not wm.removed
                              and not exists (select 1 from workspaces w
                                              where w.workspace_id = c.workspace_id and w.deleted)
                        left join channel_members cm on cm.channel_id = c.id and cm.user_id = ?
                        where c.id = ? and not c.is_deleted""",
                        (rs, i) -> {
                            String workspaceRole = rs.getString("workspace_role");
                            String channelRole = rs.getString("channel_role");
                            return new ChannelContext(
                                    new ChannelState(
                                            rs.getObject("id", UUID.class),
                                            rs.getObject("workspace_id", UUID.class),
                                            rs.getString("name"),
                                            rs.getString("topic"),
                                            rs.getBoolean("is_private"),
                                            rs.getBoolean("is_archived")),
                                    workspaceRole == null ? null : WorkspaceRole.valueOf(workspaceRole),
                                    workspaceRole == null || channelRole == null
                                            ? null
                                            : ChannelRole.valueOf(channelRole));
                        },
                        userId,
                        userId,
                        channelId)
                .stream()
                .findFirst();
    }
}
