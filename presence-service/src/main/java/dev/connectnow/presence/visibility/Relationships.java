package dev.connectnow.presence.visibility;

import dev.connectnow.events.workspace.MembershipOrdering;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who shares a workspace or a direct conversation with whom, and how large each workspace is: the projections
 * of connectnow.workspace and connectnow.dm, written by the consumers only, read to authorize presence reads
 * and to route presence events.
 */
@Repository
public class Relationships {

    private final JdbcTemplate jdbc;

    public Relationships(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A workspace of a user and its member count. */
    public record WorkspaceSize(UUID workspaceId, int memberCount) {}

    // ----- reads -----

    public boolean shareWorkspace(UUID a, UUID b) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        select exists (select 1 from workspace_memberships x
                            join workspace_memberships y on y.workspace_id = x.workspace_id
                            where x.user_id = ? and not x.removed and y.user_id = ? and not y.removed)""", Boolean.class, a, b));
    }

    public boolean shareConversation(UUID a, UUID b) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from dm_partners where user_id = ? and partner_id = ?)", Boolean.class, a, b));
    }

    /** Those of {@code others} who share at least one live workspace with {@code user}. */
    public Set<UUID> workspaceCoMembersAmong(UUID user, Set<UUID> others) {
        return new HashSet<>(jdbc.queryForList("""
                        select distinct y.user_id from workspace_memberships x
                        join workspace_memberships y on y.workspace_id = x.workspace_id
                        where x.user_id = ? and not x.removed and y.user_id = any(?) and not y.removed""", UUID.class, user, others.toArray(UUID[]::new)));
    }

    /** Those of {@code others} who have a direct conversation with {@code user}. */
    public Set<UUID> conversationPartnersAmong(UUID user, Set<UUID> others) {
        return new HashSet<>(jdbc.queryForList(
                "select partner_id from dm_partners where user_id = ? and partner_id = any(?)",
                UUID.class,
                user,
                others.toArray(UUID[]::new)));
    }

    /** Every live workspace of the user with its size, by workspace id. */
    public List<WorkspaceSize> workspacesOf(UUID user) {
        return jdbc.query("""
                        select m.workspace_id, coalesce(w.member_count, 0) from workspace_memberships m
                        left join workspaces w on w.workspace_id = m.workspace_id
                        where m.user_id = ? and not m.removed order by m.workspace_id""", (rs, i) -> new WorkspaceSize(rs.getObject(1, UUID.class), rs.getInt(2)), user);
    }

    // ----- writes, from the event handlers only -----

    public boolean isDeleted(UUID workspaceId) {
        return Boolean.TRUE.equals(jdbc.query(
                "select deleted from workspaces where workspace_id = ?",
                rs -> rs.next() && rs.getBoolean(1),
                workspaceId));
    }

    /** Remembers the deletion (late member events are ignored) and forgets the workspace's memberships. */
    public void recordDeleted(UUID workspaceId, Instant at) {
        jdbc.update("""
                        insert into workspaces (workspace_id, member_count, deleted, updated_at) values (?, 0, true, ?)
                        on conflict (workspace_id) do update set deleted = true, member_count = 0,
                            updated_at = excluded.updated_at""", workspaceId, Timestamp.from(at));
        jdbc.update("delete from workspace_memberships where workspace_id = ?", workspaceId);
    }

    /** The held state of one membership, locked for the rest of the transaction; null when nothing is held. */
    public MembershipOrdering.Held lockMembership(UUID workspaceId, UUID userId) {
        List<MembershipOrdering.Held> held = jdbc.query(
                """
                        select membership_id, revision, removed from workspace_memberships
                        where workspace_id = ? and user_id = ? for update""",
                (rs, i) -> new MembershipOrdering.Held(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3)),
                workspaceId,
                userId);
        return held.isEmpty() ? null : held.get(0);
    }

    public void writeMembership(
            UUID workspaceId, UUID userId, UUID membershipId, long revision, boolean removed, Instant at) {
        jdbc.update("""
                        insert into workspace_memberships
                            (workspace_id, user_id, membership_id, revision, removed, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (workspace_id, user_id) do update set membership_id = excluded.membership_id,
                            revision = excluded.revision, removed = excluded.removed, updated_at = excluded.updated_at""", workspaceId, userId, membershipId, revision, removed, Timestamp.from(at));
    }

    /** Adds {@code delta} (+1 a member joined, -1 one left) to the workspace's member count. */
    public void countMember(UUID workspaceId, int delta, Instant at) {
        jdbc.update("""
                        insert into workspaces (workspace_id, member_count, deleted, updated_at) values (?, greatest(?, 0), false, ?)
                        on conflict (workspace_id) do update set
                            member_count = greatest(workspaces.member_count + ?, 0), updated_at = excluded.updated_at""", workspaceId, delta, Timestamp.from(at), delta);
    }

    /** Both directions of a conversation; a replay changes nothing. */
    public void recordConversation(UUID conversationId, UUID userA, UUID userB, Instant createdAt) {
        jdbc.update(
                """
                        insert into dm_partners (user_id, partner_id, conversation_id, created_at)
                        values (?, ?, ?, ?), (?, ?, ?, ?) on conflict do nothing""",
                userA,
                userB,
                conversationId,
                Timestamp.from(createdAt),
                userB,
                userA,
                conversationId,
                Timestamp.from(createdAt));
    }
}
