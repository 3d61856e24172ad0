package dev.connectnow.workspace.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Memberships; both keyset lists (a workspace's members, a user's workspaces) page by membership id. */
public interface MemberRepository extends JpaRepository<WorkspaceMember, UUID> {

    /** The cursor of a first page: sorts before every UUID in PostgreSQL's (unsigned, bytewise) uuid order. */
    UUID BEFORE_ALL = new UUID(0L, 0L);

    Optional<WorkspaceMember> findByWorkspaceIdAndUserId(UUID workspaceId, UUID userId);

    /** Served by workspace_members_workspace_page_idx (workspace_id, id). */
    @Query("""
            select m from WorkspaceMember m
            where m.workspaceId = :workspaceId and m.id > :after
            order by m.id""")
    List<WorkspaceMember> page(UUID workspaceId, UUID after, Limit limit);

    /**
     * Same index; the nickname filter is applied to the workspace's rows in id order. {@code pattern} comes
     * from the chassis' {@code LikePatterns}, so %, _ and \ in the user's text match themselves.
     */
    @Query("""
            select m from WorkspaceMember m
            where m.workspaceId = :workspaceId and m.id > :after
              and lower(m.nickname) like :pattern escape '\\'
            order by m.id""")
    List<WorkspaceMember> pageMatching(UUID workspaceId, UUID after, String pattern, Limit limit);
}
