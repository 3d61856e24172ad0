package dev.connectnow.channel.workspace;

import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The local projection of workspaces and their memberships: written by {@link WorkspaceEventHandler},
 * read on every request to authorize it.
 */
@Repository
public class WorkspaceDirectory {

    private static final String ACTIVE_ROLE = """
            select m.role from workspace_memberships m
            where m.workspace_id = ? and m.user_id = ? and not m.removed
              and not exists (select 1 from workspaces w where w.workspace_id = m.workspace_id and w.deleted)""";

    private final JdbcTemplate jdbc;

    public WorkspaceDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's role in a live workspace, empty if not a member (or the workspace is deleted). */
    public Optional<WorkspaceRole> roleOf(UUID workspaceId, UUID userId) {
        return role(ACTIVE_ROLE, workspaceId, userId);
    }

    /**
     * As {@link #roleOf} and holds a share lock on the membership row until the transaction ends: a removal
     * being applied concurrently waits for us (and then removes what we added), or we see its result.
     */
    public Optional<WorkspaceRole> roleOfLocked(UUID workspaceId, UUID userId) {
        return role(ACTIVE_ROLE + " for share of m", workspaceId, userId);
    }

    private Optional<WorkspaceRole> role(String sql, UUID workspaceId, UUID userId) {
        List<WorkspaceRole> roles =
                jdbc.query(sql, (rs, i) -> WorkspaceRole.valueOf(rs.getString(1)), workspaceId, userId);
        return roles.stream().findFirst();
    }

    /** Active members of a workspace with their roles (for seeding #general). */
    public List<Member> activeMembers(UUID workspaceId) {
        return jdbc.query(
                """
                        select user_id, role from workspace_memberships
                        where workspace_id = ? and not removed order by user_id""",
                (rs, i) -> new Member(rs.getObject(1, UUID.class), WorkspaceRole.valueOf(rs.getString(2))),
                workspaceId);
    }

    public record Member(UUID userId, WorkspaceRole role) {}

    // ----- writes, from the event handler only -----

    public boolean isDeleted(UUID workspaceId) {
        return Boolean.TRUE.equals(jdbc.query(
                "select deleted from workspaces where workspace_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : false,
                workspaceId));
    }

    /** Records a live workspace; false if it is already known as deleted (a replayed creation). */
    public boolean recordCreated(UUID workspaceId, UUID ownerId) {
        jdbc.update("""
                insert into workspaces (workspace_id, owner_id, deleted) values (?, ?, false)
                on conflict (workspace_id) do nothing""", workspaceId, ownerId);
        return !isDeleted(workspaceId);
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

    /** The owner named by workspace.created, unless a real member event for them was already applied. */
    public void writeProvisionalOwner(UUID workspaceId, UUID ownerId, Instant at) {
        jdbc.update("""
                        insert into workspace_memberships
                            (workspace_id, user_id, membership_id, revision, role, removed, updated_at)
                        values (?, ?, null, -1, 'OWNER', false, ?)
                        on conflict (workspace_id, user_id) do nothing""", workspaceId, ownerId, Timestamp.from(at));
    }
}
