package dev.connectnow.workspace.directory;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface WorkspaceRepository extends JpaRepository<Workspace, UUID> {

    /**
     * Locks the workspace row for the rest of the transaction. Every change to a workspace or its
     * memberships takes this lock first, so role checks and the changes they allow cannot interleave
     * (e.g. an ownership transfer racing a removal of the new owner).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select w from Workspace w where w.id = :id")
    Optional<Workspace> findForUpdate(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select w from Workspace w where w.inviteCode = :inviteCode")
    Optional<Workspace> findByInviteCodeForUpdate(String inviteCode);

    /** The caller's workspaces in the order they joined; served by workspace_members_user_page_idx. */
    @Query("""
            select new dev.connectnow.workspace.directory.MyWorkspaceRow(w, m.id, m.role)
            from WorkspaceMember m join Workspace w on w.id = m.workspaceId
            where m.userId = :userId and m.id > :after
            order by m.id""")
    List<MyWorkspaceRow> findMine(UUID userId, UUID after, Limit limit);

    boolean existsBySlug(String slug);
}
