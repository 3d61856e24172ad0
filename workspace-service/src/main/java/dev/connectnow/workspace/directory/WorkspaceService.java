package dev.connectnow.workspace.directory;

import dev.connectnow.chassis.data.UniqueConstraints;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.ban.BannedUsers;
import dev.connectnow.workspace.directory.MembershipPolicy.WorkspaceAction;
import dev.connectnow.workspace.directory.WorkspaceAccess.Access;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Workspace settings: create, read, list mine, update, delete, rotate the invite code. */
@Service
public class WorkspaceService {

    /** The slug is unique: a friendly pre-check, and the constraint settles races with the same 409. */
    static final UniqueConstraints UNIQUE =
            UniqueConstraints.of("workspaces_slug_key", "slug", "This slug is already taken");

    private final WorkspaceRepository workspaces;
    private final MemberRepository members;
    private final WorkspaceAccess access;
    private final BannedUsers bannedUsers;
    private final WorkspaceEventPublisher events;
    private final Clock clock;

    WorkspaceService(
            WorkspaceRepository workspaces,
            MemberRepository members,
            WorkspaceAccess access,
            BannedUsers bannedUsers,
            WorkspaceEventPublisher events,
            Clock clock) {
        this.workspaces = workspaces;
        this.members = members;
        this.access = access;
        this.bannedUsers = bannedUsers;
        this.events = events;
        this.clock = clock;
    }

    /** The creator becomes OWNER; emits workspace.created and workspace.member.added (the owner). */
    @Transactional
    public WorkspaceView create(UUID caller, CreateWorkspaceRequest request) {
        bannedUsers.ensureMayJoinOrCreate(caller);
        requireFreeSlug(request.slug());
        Instant now = clock.instant();
        Workspace workspace = UNIQUE.guard(() -> workspaces.saveAndFlush(new Workspace(
                UuidV7.next(),
                request.name(),
                request.slug(),
                request.description(),
                request.iconUrl(),
                caller,
                request.isPublic(),
                InviteCodes.next(),
                now)));
        WorkspaceMember owner =
                members.save(new WorkspaceMember(UuidV7.next(), workspace.getId(), caller, WorkspaceRole.OWNER, now));
        events.created(workspace);
        events.memberAdded(owner);
        return WorkspaceView.of(workspace, WorkspaceRole.OWNER, true);
    }

    @Transactional(readOnly = true)
    public WorkspaceView get(UUID caller, UUID workspaceId) {
        return WorkspaceView.of(access.read(workspaceId, caller).require(WorkspaceAction.READ));
    }

    /** The caller's workspaces, in the order they joined them. */
    @Transactional(readOnly = true)
    public Page<WorkspaceView> mine(UUID caller, PageRequest page) {
        return Page.of(
                workspaces.findMine(
                        caller,
                        page.first() ? MemberRepository.BEFORE_ALL : page.uuidPart(0),
                        Limit.of(page.limit() + 1)),
                page.limit(),
                row -> WorkspaceView.of(
                        row.workspace(), row.role(), MembershipPolicy.may(row.role(), WorkspaceAction.SEE_INVITE_CODE)),
                row -> PageRequest.encode(row.membershipId()));
    }

    /** ADMIN+; emits workspace.updated when something actually changed. */
    @Transactional
    public WorkspaceView update(UUID caller, UUID workspaceId, UpdateWorkspaceRequest request) {
        Access granted = access.lockForChange(workspaceId, caller).require(WorkspaceAction.UPDATE);
        Workspace workspace = granted.workspace();
        String slug = request.slug().applyTo(workspace.getSlug());
        if (!slug.equals(workspace.getSlug())) {
            requireFreeSlug(slug);
        }
        boolean changed = workspace.update(
                request.name().applyTo(workspace.getName()),
                slug,
                request.description().applyTo(workspace.getDescription()),
                request.iconUrl().applyTo(workspace.getIconUrl()),
                request.isPublic().applyTo(workspace.isPublic()),
                clock.instant());
        if (changed) {
            UNIQUE.guard(() -> workspaces.saveAndFlush(workspace));
            events.updated(workspace);
        }
        return WorkspaceView.of(granted);
    }

    /**
     * OWNER only. Members go with the workspace (ON DELETE CASCADE); one workspace.deleted tells consumers
     * to drop everything they hold for it.
     */
    @Transactional
    public void delete(UUID caller, UUID workspaceId) {
        Workspace workspace = access.lockForChange(workspaceId, caller)
                .require(WorkspaceAction.DELETE)
                .workspace();
        workspaces.delete(workspace);
        events.deleted(workspace);
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

    private void requireFreeSlug(String slug) {
        if (workspaces.existsBySlug(slug)) {
            throw UniqueConstraints.taken("slug", "This slug is already taken");
        }
    }
}
