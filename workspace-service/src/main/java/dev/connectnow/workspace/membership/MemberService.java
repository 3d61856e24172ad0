package dev.connectnow.workspace.membership;

import dev.connectnow.chassis.data.LikePatterns;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.ban.BannedUsers;
import dev.connectnow.workspace.directory.MemberRepository;
import dev.connectnow.workspace.directory.MembershipPolicy;
import dev.connectnow.workspace.directory.MembershipPolicy.WorkspaceAction;
import dev.connectnow.workspace.directory.Workspace;
import dev.connectnow.workspace.directory.WorkspaceAccess;
import dev.connectnow.workspace.directory.WorkspaceAccess.Access;
import dev.connectnow.workspace.directory.WorkspaceEventPublisher;
import dev.connectnow.workspace.directory.WorkspaceMember;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Joining, the members list, role and nickname changes, leaving and removal. */
@Service
public class MemberService {

    /** Longest nickname filter accepted on the members list. */
    static final int SEARCH_MAX = 80;

    private final MemberRepository members;
    private final WorkspaceAccess access;
    private final BannedUsers bannedUsers;
    private final WorkspaceEventPublisher events;
    private final Clock clock;

    MemberService(
            MemberRepository members,
            WorkspaceAccess access,
            BannedUsers bannedUsers,
            WorkspaceEventPublisher events,
            Clock clock) {
        this.members = members;
        this.access = access;
        this.bannedUsers = bannedUsers;
        this.events = events;
        this.clock = clock;
    }

    /** Idempotent: a member gets their membership back; otherwise joins as MEMBER. Unknown code → 404. */
    @Transactional
    public MembershipView joinByInviteCode(UUID caller, String inviteCode) {
        return join(access.lockByInviteCode(inviteCode, caller), caller);
    }

    /** Public workspaces only; a private one is 404 for non-members (and idempotent for members). */
    @Transactional
    public MembershipView joinPublic(UUID caller, UUID workspaceId) {
        return join(access.lockForChange(workspaceId, caller), caller);
    }

    private MembershipView join(Access found, UUID caller) {
        if (found.isMember()) {
            return MembershipView.of(found.membership());
        }
        bannedUsers.ensureMayJoinOrCreate(caller);
        WorkspaceMember member = members.save(new WorkspaceMember(
                UuidV7.next(), found.workspace().getId(), caller, WorkspaceRole.MEMBER, clock.instant()));
        events.memberAdded(member);
        return MembershipView.of(member);
    }

    /** Members only, in join order; {@code q} filters on nickname (contains, case-insensitive, literal). */
    @Transactional(readOnly = true)
    public Page<MemberView> list(UUID caller, UUID workspaceId, PageRequest page, String q) {
        if (q != null && q.codePointCount(0, q.length()) > SEARCH_MAX) {
            throw ApiException.invalidField("q", "must be at most " + SEARCH_MAX + " characters");
        }
        access.read(workspaceId, caller).require(WorkspaceAction.LIST_MEMBERS);
        UUID after = page.first() ? MemberRepository.BEFORE_ALL : page.uuidPart(0);
        Limit limit = Limit.of(page.limit() + 1);
        List<WorkspaceMember> rows = q == null || q.isEmpty()
                ? members.page(workspaceId, after, limit)
                : members.pageMatching(workspaceId, after, LikePatterns.containsIgnoringCase(q), limit);
        return Page.of(rows, page.limit(), MemberView::of, row -> PageRequest.encode(row.getId()));
    }

    /**
     * Role and/or nickname of one member, all-or-nothing: if either part is refused nothing changes. Setting
     * someone's role to OWNER transfers ownership: the old owner becomes ADMIN and the workspace's ownerId
     * follows (member.updated for both, workspace.updated).
     */
    @Transactional
    public MemberView update(UUID caller, UUID workspaceId, UUID userId, UpdateMemberRequest request) {
        Access granted = access.lockForChange(workspaceId, caller);
        WorkspaceMember actor = granted.requireMembership();
        boolean self = userId.equals(caller);
        WorkspaceMember target = self ? actor : findMember(workspaceId, userId);
        WorkspaceRole newRole = request.role().applyTo(target.getRole());
        String newNickname = request.nickname().applyTo(target.getNickname());
        if (request.role().isPresent()) {
            MembershipPolicy.changeRole(actor.getRole(), self, target.getRole(), newRole)
                    .orThrow();
        }
        if (request.nickname().isPresent()) {
            MembershipPolicy.changeNickname(actor.getRole(), self, target.getRole())
                    .orThrow();
        }
        Instant now = clock.instant();
        boolean transfer = newRole == WorkspaceRole.OWNER && target.getRole() != WorkspaceRole.OWNER;
        if (transfer) {
            // demote first and flush: at most one OWNER row may exist at any moment (partial unique index)
            actor.change(WorkspaceRole.ADMIN, actor.getNickname(), now);
            members.saveAndFlush(actor);
            events.memberUpdated(actor);
        }
        if (target.change(newRole, newNickname, now)) {
            members.saveAndFlush(target);
            events.memberUpdated(target);
        }
        if (transfer) {
            Workspace workspace = granted.workspace();
            workspace.transferOwnership(target.getUserId(), now);
            events.updated(workspace);
        }
        return MemberView.of(target);
    }

    /** Leave (self; not the OWNER) or remove a member of a strictly lower role (ADMIN+). */
    @Transactional
    public void remove(UUID caller, UUID workspaceId, UUID userId) {
        Access granted = access.lockForChange(workspaceId, caller);
        boolean self = userId.equals(caller);
        if (self && !granted.isMember()) {
            throw ApiException.notFound("You are not a member of this workspace");
        }
        WorkspaceMember actor = granted.requireMembership();
        WorkspaceMember target = self ? actor : findMember(workspaceId, userId);
        MembershipPolicy.remove(actor.getRole(), self, target.getRole()).orThrow();
        members.delete(target);
        events.memberRemoved(target);
    }

    private WorkspaceMember findMember(UUID workspaceId, UUID userId) {
        return members.findByWorkspaceIdAndUserId(workspaceId, userId)
                .orElseThrow(() -> ApiException.notFound("Member not found"));
    }
}
