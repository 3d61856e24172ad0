package dev.connectnow.workspace.member;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.ban.BannedUsers;
import dev.connectnow.workspace.member.MembershipPolicy.WorkspaceAction;
import dev.connectnow.workspace.member.WorkspaceAccess.Access;
import dev.connectnow.workspace.web.Cursors;
import dev.connectnow.workspace.web.FieldErrors;
import dev.connectnow.workspace.web.Timestamps;
import dev.connectnow.workspace.workspace.Workspace;
import dev.connectnow.workspace.workspace.WorkspacePayloads;
import dev.connectnow.workspace.workspace.WorkspaceRules;
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

    public static final int SEARCH_MAX = 80;

    private final MemberRepository members;
    private final WorkspaceAccess access;
    private final BannedUsers bannedUsers;
    private final OutboxPublisher outbox;
    private final Clock clock;

    MemberService(
            MemberRepository members,
            WorkspaceAccess access,
            BannedUsers bannedUsers,
            OutboxPublisher outbox,
            Clock clock) {
        this.members = members;
        this.access = access;
        this.bannedUsers = bannedUsers;
        this.outbox = outbox;
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
        Instant now = Timestamps.now(clock);
        WorkspaceMember member = members.save(
                WorkspaceMember.join(UuidV7.next(), found.workspace().getId(), caller, WorkspaceRole.MEMBER, now));
        outbox.publish(WorkspaceEvents.MEMBER_ADDED, member.getWorkspaceId(), MemberEvents.payload(member, now));
        return MembershipView.of(member);
    }

    /** Members only, in join order; {@code q} filters on nickname (contains, case-insensitive, literal). */
    @Transactional(readOnly = true)
    public Page<MemberView> list(UUID caller, UUID workspaceId, PageRequest page, String q) {
        if (q != null && q.codePointCount(0, q.length()) > SEARCH_MAX) {
            new FieldErrors()
                    .add("q", "must be at most " + SEARCH_MAX + " characters")
                    .throwIfAny();
        }
        access.read(workspaceId, caller).require(WorkspaceAction.LIST_MEMBERS);
        UUID after = (page.first() ? Cursors.BEFORE_ALL : page.uuidPart(0));
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
        validate(request);
        Access granted = access.lockForChange(workspaceId, caller);
        WorkspaceMember actor = requireMember(granted);
        boolean self = userId.equals(caller);
        WorkspaceMember target = self ? actor : findMember(workspaceId, userId);
        WorkspaceRole newRole = request.roleSet() ? request.role() : target.getRole();
        String newNickname = request.nicknameSet() ? request.nickname() : target.getNickname();
        if (request.roleSet()) {
            WorkspaceAccess.enforce(MembershipPolicy.changeRole(actor.getRole(), self, target.getRole(), newRole));
        }
        if (request.nicknameSet()) {
            WorkspaceAccess.enforce(MembershipPolicy.changeNickname(actor.getRole(), self, target.getRole()));
        }
        Instant now = Timestamps.now(clock);
        boolean transfer = newRole == WorkspaceRole.OWNER && target.getRole() != WorkspaceRole.OWNER;
        if (transfer) {
            // demote first and flush: at most one OWNER row may exist at any moment (partial unique index)
            actor.change(WorkspaceRole.ADMIN, actor.getNickname(), now);
            members.saveAndFlush(actor);
            outbox.publish(WorkspaceEvents.MEMBER_UPDATED, workspaceId, MemberEvents.payload(actor, now));
        }
        if (target.change(newRole, newNickname, now)) {
            members.saveAndFlush(target);
            outbox.publish(WorkspaceEvents.MEMBER_UPDATED, workspaceId, MemberEvents.payload(target, now));
        }
        if (transfer) {
            Workspace workspace = granted.workspace();
            workspace.transferOwnership(target.getUserId(), now);
            outbox.publish(WorkspaceEvents.UPDATED, workspaceId, WorkspacePayloads.updated(workspace));
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
        WorkspaceMember actor = requireMember(granted);
        WorkspaceMember target = self ? actor : findMember(workspaceId, userId);
        WorkspaceAccess.enforce(MembershipPolicy.remove(actor.getRole(), self, target.getRole()));
        members.delete(target);
        outbox.publish(
                WorkspaceEvents.MEMBER_REMOVED, workspaceId, MemberEvents.removal(target, Timestamps.now(clock)));
    }

    /** A visitor of a public workspace may look, but not touch memberships. */
    private static WorkspaceMember requireMember(Access granted) {
        if (!granted.isMember()) {
            throw ApiException.forbidden("Only members of the workspace may do this");
        }
        return granted.membership();
    }

    private WorkspaceMember findMember(UUID workspaceId, UUID userId) {
        return members.findByWorkspaceIdAndUserId(workspaceId, userId)
                .orElseThrow(() -> ApiException.notFound("Member not found"));
    }

    private static void validate(UpdateMemberRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request.roleSet() && request.role() == null) {
            errors.add("role", "must be one of OWNER, ADMIN, MODERATOR, MEMBER, GUEST");
        }
        if (request.nicknameSet()) {
            errors.check("nickname", WorkspaceRules.nicknameProblem(request.nickname()));
        }
        errors.throwIfAny();
    }
}
