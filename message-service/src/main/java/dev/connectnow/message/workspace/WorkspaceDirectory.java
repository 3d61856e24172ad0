package dev.connectnow.message.workspace;

import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The local projection of workspace memberships and roles (from {@code connectnow.workspace}): read on every
 * request to authorize it (workspace MODERATOR+ may delete and pin), written only by the event handler.
 */
@Repository
public class WorkspaceDirectory {

    private final JdbcTemplate jdbc;

    public WorkspaceDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's role in a live workspace; empty if not a member (or the workspace is deleted). */
    public Optional<WorkspaceRole> roleOf(UUID workspaceId, UUID userId) {
        return jdbc.query("""
                        select m.role from workspace_memberships m
                        where m.workspace_id = ? and m.user_id = ? and not m.removed
                          and not exists (select 1 from workspaces w where w.workspace_id = m.workspace_id and w.deleted)""", (rs, i) -> WorkspaceRole.valueOf(rs.getString(1)), workspaceId, userId).stream()
                .findFirst();
    }

    /** Which of the given users are active members of the workspace (primary key lookups). */
    public List<UUID> activeMembersAmong(UUID workspaceId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "select user_id from workspace_memberships where workspace_id = ? and user_id = any(?) and not removed",
                UUID.class,
                workspaceId,
                userIds.toArray(UUID[]::new));
    }

    // ----- writes, from the event handler only -----

    public boolean isDeleted(UUID workspaceId) {
        return Boolean.TRUE.equals(jdbc.query(
                "select deleted from workspaces where workspace_id = ?",
                rs -> rs.next() && rs.getBoolean(1),
                workspaceId));
    }

    public void recordDeleted(UUID workspaceId) {
        jdbc.update("""
                insert into workspaces (workspace_id, deleted) values (?, true)
                on conflict (workspace_id) do update set deleted = true, updated_at = now()""", workspaceId);
        jdbc.update("delete from workspace_memberships where workspace_id = ?", workspaceId);
    }

    /** The held state, locked for the rest of the transaction; null when nothing is held. */
    public MembershipOrdering.Held lockHeld(UUID workspaceId, UUID userId) {
        List<MembershipOrdering.Held> held = jdbc.query(
                """
                select membership_id, revision, removed from workspace_memberships
                where workspace_id = ? and user_id = ? for update""",
                (rs, i) -> new MembershipOrdering.Held(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3)),
                workspaceId,
                userId);
        return held.isEmpty() ? null : held.get(0);
    }

    public void write(
            UUID workspaceId,
            UUID userId,
            UUID membershipId,
            long revision,
            WorkspaceRole role,
            boolean removed,
            Instant changedAt) {
        jdbc.update("""
                insert into workspace_memberships
                    (workspace_id, user_id, membership_id, revision, role, removed, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (workspace_id, user_id) do update set membership_id = excluded.membership_id,
                    revision = excluded.revision, role = excluded.role, removed = excluded.removed,
                    updated_at = excluded.updated_at""", workspaceId, userId, membershipId, revision, role.name(), removed, Timestamp.from(changedAt));
    }
}
