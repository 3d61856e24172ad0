package dev.connectnow.channel.membership;

import dev.connectnow.channel.directory.Channel;
import dev.connectnow.channel.directory.ChannelAccess;
import dev.connectnow.channel.directory.ChannelAccess.ChannelContext;
import dev.connectnow.channel.directory.ChannelEventPublisher;
import dev.connectnow.channel.directory.ChannelMember;
import dev.connectnow.channel.directory.ChannelMemberRepository;
import dev.connectnow.channel.directory.ChannelPermissions.ChannelAction;
import dev.connectnow.channel.directory.ChannelQueries;
import dev.connectnow.channel.directory.ChannelService;
import dev.connectnow.channel.directory.MemberView;
import dev.connectnow.channel.directory.MembershipItem;
import dev.connectnow.channel.workspace.WorkspaceDirectory;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Channel memberships: join, add, list, mute, change role, leave and remove. */
@Service
public class ChannelMemberService {

    private final ChannelAccess access;
    private final ChannelService channelService;
    private final ChannelMemberRepository members;
    private final ChannelQueries queries;
    private final ChannelEventPublisher events;
    private final WorkspaceDirectory directory;
    private final Clock clock;

    ChannelMemberService(
            ChannelAccess access,
            ChannelService channelService,
            ChannelMemberRepository members,
            ChannelQueries queries,
            ChannelEventPublisher events,
            WorkspaceDirectory directory,
            Clock clock) {
        this.access = access;
        this.channelService = channelService;
        this.members = members;
        this.queries = queries;
        this.events = events;
        this.directory = directory;
        this.clock = clock;
    }

    /** The membership and whether this call created it (false: it existed, nothing changed). */
    public record Added(MemberView member, boolean created) {}

    /** Joins a channel the caller can see: any public one; a private one only if already a member. */
    @Transactional
    public Added join(UUID me, UUID channelId) {
        ChannelContext context = access.requireLocked(ChannelAction.JOIN, channelId, me);
        if (context.membership() != null) {
            return new Added(MemberView.of(context.membership()), false);
        }
        Channel channel = context.channel();
        channel.ensureOpenToMembers();
        return new Added(
                MemberView.of(channelService.addMember(channel, me, ChannelRole.MEMBER, clock.instant())), true);
    }

    /** Adds a member of the channel's workspace; idempotent for someone already in the channel. */
    @Transactional
    public Added add(UUID me, UUID channelId, UUID userId) {
        Channel channel =
                access.require(ChannelAction.ADD_MEMBER, channelId, me).channel();
        channel.ensureOpenToMembers();
        // locked: if the user is being removed from the workspace right now, that removal sees this membership
        if (directory.roleOfLocked(channel.getWorkspaceId(), userId).isEmpty()) {
            throw ApiException.notFound("The user is not a member of this workspace")
                    .with("field", "userId");
        }
        return members.findByChannelIdAndUserId(channelId, userId)
                .map(existing -> new Added(MemberView.of(existing), false))
                .orElseGet(() -> new Added(
                        MemberView.of(channelService.addMember(channel, userId, ChannelRole.MEMBER, clock.instant())),
                        true));
    }

    @Transactional(readOnly = true)
    public Page<MemberView> list(UUID me, UUID channelId, Integer limit, String cursor) {
        access.require(ChannelAction.LIST_MEMBERS, channelId, me);
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
        ChannelContext context = access.require(ChannelAction.OWN_MEMBERSHIP, channelId, me);
        ChannelMember membership = context.membership();
        if (membership.mute(muted)) {
            members.flush();
            events.member(ChannelEvents.MEMBER_UPDATED, context.channel(), membership);
        }
        return MemberView.of(membership);
    }

    /** Promote to ADMIN or demote to MEMBER; the OWNER's role is fixed and OWNER cannot be given. */
    @Transactional
    public MemberView changeRole(UUID me, UUID channelId, UUID userId, ChannelRole role) {
        Channel channel = access.require(ChannelAction.MANAGE, channelId, me).channel();
        if (role == ChannelRole.OWNER) {
            throw ApiException.invalidField("role", "must be ADMIN or MEMBER");
        }
        channel.ensureOpenToMembers();
        ChannelMember target = members.findByChannelIdAndUserId(channelId, userId)
                .orElseThrow(() -> ApiException.notFound("The user is not a member of this channel"));
        if (target.changeRole(role)) {
            members.flush();
            events.member(ChannelEvents.MEMBER_UPDATED, channel, target);
        }
        return MemberView.of(target);
    }

    /** Leave ({@code userId} is the caller) or remove somebody else. */
    @Transactional
    public void remove(UUID me, UUID channelId, UUID userId) {
        ChannelContext context;
        ChannelMember target;
        if (userId.equals(me)) {
            context = access.require(ChannelAction.VIEW, channelId, me);
            target = context.membership();
            if (target == null) {
                throw ApiException.notFound("You are not a member of this channel");
            }
        } else {
            context = access.load(channelId, me, false);
            target = access.requireRemovable(context, userId);
        }
        context.channel().ensureMembersMayLeave();
        events.member(ChannelEvents.MEMBER_REMOVED, context.channel(), target);
        members.delete(target);
    }
}
