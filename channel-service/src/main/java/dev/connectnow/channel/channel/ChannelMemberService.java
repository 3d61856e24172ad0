package dev.connectnow.channel.channel;

import dev.connectnow.channel.channel.ChannelAccess.ChannelContext;
import dev.connectnow.channel.channel.ChannelPermissions.ChannelAction;
import dev.connectnow.channel.channel.ChannelViews.MemberView;
import dev.connectnow.channel.channel.ChannelViews.MembershipItem;
import dev.connectnow.channel.common.Times;
import dev.connectnow.channel.workspace.WorkspaceDirectory;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Channel memberships: join, add, list, mute, change role, leave and remove. */
@Service
public class ChannelMemberService {

    private final ChannelAccess access;
    private final ChannelService channelService;
    private final ChannelRepository channels;
    private final ChannelMemberRepository members;
    private final ChannelQueries queries;
    private final ChannelEventPublisher events;
    private final WorkspaceDirectory directory;

    public ChannelMemberService(
            ChannelAccess access,
            ChannelService channelService,
            ChannelRepository channels,
            ChannelMemberRepository members,
            ChannelQueries queries,
            ChannelEventPublisher events,
            WorkspaceDirectory directory) {
        this.access = access;
        this.channelService = channelService;
        this.channels = channels;
        this.members = members;
        this.queries = queries;
        this.events = events;
        this.directory = directory;
    }

    /** The membership and whether this call created it (false: it existed, nothing changed). */
    public record Added(MemberView member, boolean created) {}

    /** Joins a channel the caller can see: any public one; a private one only if already a member. */
    @Transactional
    public Added join(UUID me, UUID channelId) {
        ChannelContext context = access.requireLocked(ChannelAction.JOIN, channelId, me, "join this channel");
        if (context.membership() != null) {
            return new Added(MemberView.of(context.membership()), false);
        }
        requireNotArchived(context);
        return new Added(
                MemberView.of(channelService.addMember(context.channel(), me, ChannelRole.MEMBER, Times.now())), true);
    }

    /** Adds a member of the channel's workspace; idempotent for someone already in the channel. */
    @Transactional
    public Added add(UUID me, UUID channelId, UUID userId) {
        ChannelContext context = access.require(ChannelAction.ADD_MEMBER, channelId, me, "add members to this channel");
        Channel channel = context.channel();
        requireNotArchived(context);
        // locked: if the user is being removed from the workspace right now, that removal sees this membership
        if (directory.roleOfLocked(channel.getWorkspaceId(), userId).isEmpty()) {
            throw ApiException.notFound("The user is not a member of this workspace")
                    .with("field", "userId");
        }
        return members.findByChannelIdAndUserId(channelId, userId)
                .map(existing -> new Added(MemberView.of(existing), false))
                .orElseGet(() -> new Added(
                        MemberView.of(channelService.addMember(channel, userId, ChannelRole.MEMBER, Times.now())),
                        true));
    }

    @Transactional(readOnly = true)
    public Page<MemberView> list(UUID me, UUID channelId, Integer limit, String cursor) {
        access.require(ChannelAction.LIST_MEMBERS, channelId, me, "see the members of this channel");
        return queries.members(channelId, PageRequest.of(limit, cursor, 1));
    }

    /** Every channel membership of the caller in the workspaces they belong to (no permission beyond that). */
    @Transactional(readOnly = true)
    public Page<MembershipItem> myMemberships(UUID me, Integer limit, String cursor) {
        return queries.membershipsOf(me, PageRequest.of(limit, cursor, 2));
    }

    /** Mute or unmute the channel for myself. Allowed on archived channels: it is personal state. */
    @Transactional
    public MemberView updateMine(UUID me, UUID channelId, boolean muted) {
        ChannelContext context =
                access.require(ChannelAction.OWN_MEMBERSHIP, channelId, me, "change a membership you do not have");
        ChannelMember membership = context.membership();
        if (membership.isMuted() != muted) {
            membership.mute(muted);
            channels.flush();
            events.member(ChannelEvents.MEMBER_UPDATED, context.channel(), membership);
        }
        return MemberView.of(membership);
    }

    /** Promote to ADMIN or demote to MEMBER; the OWNER's role is fixed and OWNER cannot be given. */
    @Transactional
    public MemberView changeRole(UUID me, UUID channelId, UUID userId, ChannelRole role) {
        ChannelContext context = access.require(ChannelAction.MANAGE, channelId, me, "change roles in this channel");
        if (role == ChannelRole.OWNER) {
            throw ApiException.invalidField("role", "must be ADMIN or MEMBER");
        }
        requireNotArchived(context);
        ChannelMember target = members.findByChannelIdAndUserId(channelId, userId)
                .orElseThrow(() -> ApiException.notFound("The user is not a member of this channel"));
        if (target.getRole() == ChannelRole.OWNER) {
            throw ApiException.conflict("The channel owner's role cannot be changed");
        }
        if (target.getRole() != role) {
            target.changeRole(role);
            channels.flush();
            events.member(ChannelEvents.MEMBER_UPDATED, context.channel(), target);
        }
        return MemberView.of(target);
    }

    /** Leave ({@code userId} is the caller) or remove somebody else. */
    @Transactional
    public void remove(UUID me, UUID channelId, UUID userId) {
        ChannelContext context;
        ChannelMember target;
        if (userId.equals(me)) {
            context = access.require(ChannelAction.VIEW, channelId, me, "see this channel");
            target = context.membership();
            if (target == null) {
                throw ApiException.notFound("You are not a member of this channel");
            }
        } else {
            context = access.load(channelId, me, false);
            target = context.workspaceRole() == null
                    ? null
                    : members.findByChannelIdAndUserId(channelId, userId).orElse(null);
            ChannelPermissions.removeMember(
                            context.workspaceRole(),
                            context.channelRole(),
                            context.channel().isPrivate(),
                            target == null ? null : target.getRole())
                    .require("remove members from this channel");
            if (target == null) {
                throw ApiException.notFound("The user is not a member of this channel");
            }
        }
        if (context.channel().isGeneral()) {
            throw ApiException.conflict("Everyone in the workspace is in #general; remove them from the workspace");
        }
        events.member(ChannelEvents.MEMBER_REMOVED, context.channel(), target);
        members.delete(target);
    }

    private static void requireNotArchived(ChannelContext context) {
        if (context.channel().isArchived()) {
            throw ApiException.conflict("The channel is archived");
        }
    }
}
