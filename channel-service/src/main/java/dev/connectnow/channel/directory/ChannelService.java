package dev.connectnow.channel.directory;

import dev.connectnow.channel.directory.ChannelPermissions.ChannelAction;
import dev.connectnow.channel.directory.ChannelPermissions.WorkspaceAction;
import dev.connectnow.channel.workspace.WorkspaceDirectory;
import dev.connectnow.chassis.data.UniqueConstraints;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channels: create, read, change, archive, order and delete, and the memberships they start with; the state
 * rules are {@link Channel}'s, every change is published through the outbox.
 */
@Service
public class ChannelService {

    /** Longest name filter accepted on the channel list. */
    static final int MAX_FILTER_LENGTH = 80;

    /** Names are unique per workspace: a friendly pre-check, and the constraint settles races with the same 409. */
    static final UniqueConstraints UNIQUE = UniqueConstraints.of(
            "channels_workspace_name_uq", "name", "A channel with this name already exists in this workspace");

    private final ChannelRepository channels;
    private final ChannelMemberRepository members;
    private final ChannelAccess access;
    private final ChannelQueries queries;
    private final ChannelEventPublisher events;
    private final WorkspaceDirectory directory;
    private final Clock clock;

    ChannelService(
            ChannelRepository channels,
            ChannelMemberRepository members,
            ChannelAccess access,
            ChannelQueries queries,
            ChannelEventPublisher events,
            WorkspaceDirectory directory,
            Clock clock) {
        this.channels = channels;
        this.members = members;
        this.access = access;
        this.queries = queries;
        this.events = events;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional
    public ChannelView create(UUID me, UUID workspaceId, CreateChannelRequest request) {
        // locked: a removal from the workspace applied concurrently must also remove the membership we add
        access.requireWorkspace(WorkspaceAction.CREATE_CHANNEL, workspaceId, me, true);
        String name = ChannelName.normalize(request.name(), "name");
        requireFreeName(workspaceId, name);
        Instant now = clock.instant();
        Channel channel = UNIQUE.guard(() -> channels.saveAndFlush(new Channel(
                UuidV7.next(),
                workspaceId,
                name,
                request.description(),
                request.topic(),
                request.type() == null ? ChannelType.TEXT : request.type(),
                Boolean.TRUE.equals(request.isPrivate()),
                channels.nextPosition(workspaceId),
                me,
                now)));
        events.channel(ChannelEvents.CREATED, channel);
        addMember(channel, me, ChannelRole.OWNER, now);
        return ChannelView.of(channel);
    }

    @Transactional(readOnly = true)
    public Page<ChannelListItem> list(UUID me, UUID workspaceId, String nameContains, Integer limit, String cursor) {
        access.requireWorkspace(WorkspaceAction.LIST_CHANNELS, workspaceId, me, false);
        if (nameContains != null && nameContains.codePointCount(0, nameContains.length()) > MAX_FILTER_LENGTH) {
            throw ApiException.invalidField("q", "must be at most " + MAX_FILTER_LENGTH + " characters");
        }
        String filter = nameContains == null ? null : nameContains.trim().toLowerCase(Locale.ROOT);
        return queries.visibleChannels(workspaceId, me, filter, PageRequest.of(limit, cursor, 2));
    }

    @Transactional(readOnly = true)
    public ChannelView get(UUID me, UUID channelId) {
        return ChannelView.of(access.require(ChannelAction.VIEW, channelId, me).channel());
    }

    @Transactional
    public ChannelView update(UUID me, UUID channelId, UpdateChannelRequest request) {
        Channel channel = access.require(ChannelAction.MANAGE, channelId, me).channel();
        channel.ensureChangeable();
        Instant now = clock.instant();
        boolean changed = false;
        if (request.name().isPresent()) {
            String name = ChannelName.normalize(request.name().value(), "name");
            if (!name.equals(channel.getName())) {
                requireFreeName(channel.getWorkspaceId(), name); // before any change: the query would flush it
            }
            changed |= channel.rename(name, now);
        }
        if (request.description().isPresent()) {
            changed |= channel.describe(request.description().value(), now);
        }
        if (request.topic().isPresent()) {
            changed |= channel.changeTopic(request.topic().value(), now);
        }
        if (request.isPrivate().isPresent()) {
            changed |= channel.changePrivacy(request.isPrivate().value(), now);
        }
        if (changed) {
            UNIQUE.guard(() -> channels.saveAndFlush(channel));
            events.channel(ChannelEvents.UPDATED, channel);
        }
        return ChannelView.of(channel);
    }

    @Transactional
    public void delete(UUID me, UUID channelId) {
        Channel channel = access.require(ChannelAction.MANAGE, channelId, me).channel();
        channel.ensureDeletable();
        events.deleted(channel);
        channels.delete(channel);
    }

    @Transactional
    public ChannelView archive(UUID me, UUID channelId, boolean archive) {
        Channel channel = access.require(ChannelAction.MANAGE, channelId, me).channel();
        if (channel.archive(archive, clock.instant())) {
            channels.flush();
            events.channel(archive ? ChannelEvents.ARCHIVED : ChannelEvents.UNARCHIVED, channel);
        }
        return ChannelView.of(channel);
    }

    /**
     * Puts the listed channels first, in the given order, and the others after them in their current order;
     * positions become 0..n-1. Every listed id must be a channel of the workspace that the caller can see.
     */
    @Transactional
    public Page<ChannelPosition> reorder(UUID me, UUID workspaceId, List<UUID> channelIds) {
        access.requireWorkspace(WorkspaceAction.REORDER_CHANNELS, workspaceId, me, false);
        if (new HashSet<>(channelIds).size() != channelIds.size()) {
            throw ApiException.invalidField("channelIds", "must not contain an id twice");
        }
        Set<UUID> mine = members.findByUserIdAndWorkspaceId(me, workspaceId).stream()
                .map(ChannelMember::getChannelId)
                .collect(Collectors.toSet());
        Map<UUID, Channel> current = new LinkedHashMap<>();
        channels.findByWorkspaceIdOrderByPositionAscIdAsc(workspaceId).forEach(c -> current.put(c.getId(), c));
        List<Channel> ordered = new ArrayList<>();
        for (UUID id : channelIds) {
            Channel channel = current.remove(id);
            if (channel == null || (channel.isPrivate() && !mine.contains(id))) {
                throw ApiException.invalidField("channelIds", "is not a channel of this workspace: " + id);
            }
            ordered.add(channel);
        }
        ordered.addAll(current.values());
        Instant now = clock.instant();
        List<Channel> moved = new ArrayList<>();
        for (int position = 0; position < ordered.size(); position++) {
            Channel channel = ordered.get(position);
            if (channel.moveTo(position, now)) {
                moved.add(channel);
            }
        }
        channels.flush();
        moved.forEach(channel -> events.channel(ChannelEvents.UPDATED, channel));
        List<ChannelPosition> visible = ordered.stream()
                .filter(c -> !c.isPrivate() || mine.contains(c.getId()))
                .map(c -> new ChannelPosition(c.getId(), c.getPosition()))
                .toList();
        return new Page<>(visible, null);
    }

    // ----- memberships: how a channel starts, joins and additions -----

    /**
     * Adds a member who starts caught up (joining a busy channel does not mean thousands of unread messages)
     * and publishes channel.member.added.
     */
    public ChannelMember addMember(Channel channel, UUID userId, ChannelRole role, Instant now) {
        ChannelMember member = members.saveAndFlush(new ChannelMember(
                UuidV7.next(),
                channel.getId(),
                channel.getWorkspaceId(),
                userId,
                role,
                channels.lastMessageSeq(channel.getId()),
                now));
        events.member(ChannelEvents.MEMBER_ADDED, channel, member);
        return member;
    }

    // ----- driven by workspace events -----

    /**
     * Creates #general (public TEXT, position 0) with the owner as channel OWNER and every member the
     * projection already knows (events may have overtaken workspace.created). No-op if it exists.
     */
    @Transactional
    public void createGeneral(UUID workspaceId, UUID ownerId) {
        if (channels.existsByWorkspaceIdAndName(workspaceId, Channel.GENERAL)) {
            return;
        }
        Instant now = clock.instant();
        Channel general = channels.saveAndFlush(Channel.general(UuidV7.next(), workspaceId, ownerId, now));
        events.channel(ChannelEvents.CREATED, general);
        for (WorkspaceDirectory.Member member : directory.activeMembers(workspaceId)) {
            ChannelRole role = member.userId().equals(ownerId) ? ChannelRole.OWNER : ChannelRole.MEMBER;
            addMember(general, member.userId(), role, now);
        }
    }

    /** Adds the user to #general if the workspace has one and they are not in it yet. */
    @Transactional
    public void ensureInGeneral(UUID workspaceId, UUID userId) {
        channels.findByWorkspaceIdAndName(workspaceId, Channel.GENERAL).ifPresent(general -> {
            if (members.findByChannelIdAndUserId(general.getId(), userId).isEmpty()) {
                addMember(general, userId, ChannelRole.MEMBER, clock.instant());
            }
        });
    }

    /** A user left (or was removed from) the workspace: they leave every channel of it. */
    @Transactional
    public void removeFromWorkspace(UUID workspaceId, UUID userId) {
        for (ChannelMember membership : members.findByUserIdAndWorkspaceId(userId, workspaceId)) {
            channels.findById(membership.getChannelId())
                    .ifPresent(channel -> events.member(ChannelEvents.MEMBER_REMOVED, channel, membership));
            members.delete(membership);
        }
    }

    /** The workspace is gone: each of its channels is deleted (with its members and read state). */
    @Transactional
    public void deleteWorkspaceChannels(UUID workspaceId) {
        List<Channel> all = channels.findByWorkspaceIdOrderByPositionAscIdAsc(workspaceId);
        all.forEach(events::deleted);
        if (!all.isEmpty()) {
            channels.deleteAllOfWorkspace(workspaceId);
        }
    }

    private void requireFreeName(UUID workspaceId, String name) {
        if (channels.existsByWorkspaceIdAndName(workspaceId, name)) {
            throw UniqueConstraints.taken("name", "A channel with this name already exists in this workspace");
        }
    }
}
