package dev.connectnow.workspace.workspace;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceCreated;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.ban.BannedUsers;
import dev.connectnow.workspace.member.MemberEvents;
import dev.connectnow.workspace.member.MemberRepository;
import dev.connectnow.workspace.member.MembershipPolicy;
import dev.connectnow.workspace.member.MembershipPolicy.WorkspaceAction;
import dev.connectnow.workspace.member.WorkspaceAccess;
import dev.connectnow.workspace.member.WorkspaceAccess.Access;
import dev.connectnow.workspace.member.WorkspaceMember;
import dev.connectnow.workspace.web.Cursors;
import dev.connectnow.workspace.web.FieldErrors;
import dev.connectnow.workspace.web.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Workspace settings: create, read, list mine, update, delete, rotate the invite code. */
@Service
public class WorkspaceService {

    private final WorkspaceRepository workspaces;
    private final MemberRepository members;
    private final WorkspaceAccess access;
    private final BannedUsers bannedUsers;
    private final OutboxPublisher outbox;
    private final Clock clock;

    WorkspaceService(
            WorkspaceRepository workspaces,
            MemberRepository members,
            WorkspaceAccess access,
            BannedUsers bannedUsers,
            OutboxPublisher outbox,
            Clock clock) {
        this.workspaces = workspaces;
        this.members = members;
        this.access = access;
        this.bannedUsers = bannedUsers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The creator becomes OWNER; emits workspace.created and workspace.member.added (the owner). */
    @Transactional
    public WorkspaceView create(UUID caller, CreateWorkspaceRequest request) {
        new FieldErrors()
                .check("name", WorkspaceRules.nameProblem(request.name()))
                .check("slug", WorkspaceRules.slugProblem(request.slug()))
                .check("description", WorkspaceRules.descriptionProblem(request.description()))
                .check("iconUrl", WorkspaceRules.iconUrlProblem(request.iconUrl()))
                .check("isPublic", request.isPublic() == null ? Optional.of("is required") : Optional.empty())
                .throwIfAny();
        bannedUsers.ensureMayJoinOrCreate(caller);
        if (workspaces.existsBySlug(request.slug())) {
            throw slugTaken(request.slug());
        }
        Instant now = Timestamps.now(clock);
        Workspace workspace = Workspace.create(
                UuidV7.next(),
                request.name(),
                request.slug(),
                request.description(),
                request.iconUrl(),
                caller,
                request.isPublic(),
                InviteCodes.next(),
                now);
        saveGuardingSlug(workspace);
        WorkspaceMember owner =
                members.save(WorkspaceMember.join(UuidV7.next(), workspace.getId(), caller, WorkspaceRole.OWNER, now));
        outbox.publish(
                WorkspaceEvents.CREATED,
                workspace.getId(),
                new WorkspaceCreated(
                        workspace.getId(),
                        workspace.getName(),
                        workspace.getSlug(),
                        workspace.getDescription(),
                        workspace.getIconUrl(),
                        workspace.getOwnerId(),
                        workspace.isPublic(),
                        workspace.getCreatedAt()));
        outbox.publish(WorkspaceEvents.MEMBER_ADDED, workspace.getId(), MemberEvents.payload(owner, now));
        return WorkspaceView.of(workspace, WorkspaceRole.OWNER, true);
    }

    @Transactional(readOnly = true)
    public WorkspaceView get(UUID caller, UUID workspaceId) {
        return view(access.read(workspaceId, caller).require(WorkspaceAction.READ));
    }

    /** The caller's workspaces, in the order they joined them. */
    @Transactional(readOnly = true)
    public Page<WorkspaceView> mine(UUID caller, PageRequest page) {
        return Page.of(
                workspaces.findMine(
                        caller, (page.first() ? Cursors.BEFORE_ALL : page.uuidPart(0)), Limit.of(page.limit() + 1)),
                page.limit(),
                row -> WorkspaceView.of(
                        row.workspace(), row.role(), MembershipPolicy.may(row.role(), WorkspaceAction.SEE_INVITE_CODE)),
                row -> PageRequest.encode(row.membershipId()));
    }

    /** ADMIN+; emits workspace.updated when something actually changed. */
    @Transactional
    public WorkspaceView update(UUID caller, UUID workspaceId, UpdateWorkspaceRequest request) {
        validate(request);
        Access granted = access.lockForChange(workspaceId, caller).require(WorkspaceAction.UPDATE);
        Workspace workspace = granted.workspace();
        String slug = request.slugSet() ? request.slug() : workspace.getSlug();
        if (!slug.equals(workspace.getSlug()) && workspaces.existsBySlugAndIdNot(slug, workspaceId)) {
            throw slugTaken(slug);
        }
        boolean changed = workspace.update(
                request.nameSet() ? request.name() : workspace.getName(),
                slug,
                request.descriptionSet() ? request.description() : workspace.getDescription(),
                request.iconUrlSet() ? request.iconUrl() : workspace.getIconUrl(),
                request.isPublicSet() ? request.isPublic() : workspace.isPublic(),
                Timestamps.now(clock));
        if (changed) {
            saveGuardingSlug(workspace);
            outbox.publish(WorkspaceEvents.UPDATED, workspace.getId(), WorkspacePayloads.updated(workspace));
        }
        return view(granted);
    }

    /**
     * OWNER only. Members go with the workspace (ON DELETE CASCADE); one workspace.deleted tells consumers
     * to drop everything they hold for it, so no member.removed is sent per member.
     */
    @Transactional
    public void delete(UUID caller, UUID workspaceId) {
        Workspace workspace = access.lockForChange(workspaceId, caller)
                .require(WorkspaceAction.DELETE)
                .workspace();
        workspaces.delete(workspace);
        outbox.publish(WorkspaceEvents.DELETED, workspaceId, new WorkspaceDeleted(workspaceId, Timestamps.now(clock)));
    }

    /** ADMIN+; the old code stops working at once. */
    @Transactional
    public InviteCodeView rotateInviteCode(UUID caller, UUID workspaceId) {
        Workspace workspace = access.lockForChange(workspaceId, caller)
                .require(WorkspaceAction.ROTATE_INVITE_CODE)
                .workspace();
        workspace.rotateInviteCode(InviteCodes.next());
        workspaces.flush();
        return new InviteCodeView(workspace.getInviteCode());
    }

    private static WorkspaceView view(Access granted) {
        return WorkspaceView.of(granted.workspace(), granted.role(), granted.may(WorkspaceAction.SEE_INVITE_CODE));
    }

    private static void validate(UpdateWorkspaceRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request.nameSet()) {
            errors.check("name", WorkspaceRules.nameProblem(request.name()));
        }
        if (request.slugSet()) {
            errors.check("slug", WorkspaceRules.slugProblem(request.slug()));
        }
        if (request.descriptionSet()) {
            errors.check("description", WorkspaceRules.descriptionProblem(request.description()));
        }
        if (request.iconUrlSet()) {
            errors.check("iconUrl", WorkspaceRules.iconUrlProblem(request.iconUrl()));
        }
        if (request.isPublicSet() && request.isPublic() == null) {
            errors.add("isPublic", "must be true or false");
        }
        errors.throwIfAny();
    }

    /** The pre-check gives the friendly answer; the unique constraint settles races with the same 409. */
    private void saveGuardingSlug(Workspace workspace) {
        try {
            workspaces.saveAndFlush(workspace);
        } catch (DataIntegrityViolationException e) {
            if (String.valueOf(e.getMostSpecificCause().getMessage()).contains("workspaces_slug_key")) {
                throw slugTaken(workspace.getSlug());
            }
            throw e;
        }
    }

    private static ApiException slugTaken(String slug) {
        return ApiException.conflict("The slug '" + slug + "' is already taken").with("field", "slug");
    }
}
