package dev.connectnow.realtime.routing;

import dev.connectnow.realtime.routing.MembershipChange.ChannelChanged;
import dev.connectnow.realtime.routing.MembershipChange.ChannelDeleted;
import dev.connectnow.realtime.routing.MembershipChange.ChannelMemberAdded;
import dev.connectnow.realtime.routing.MembershipChange.ChannelMemberRemoved;
import dev.connectnow.realtime.routing.MembershipChange.ConversationCreated;
import dev.connectnow.realtime.routing.MembershipChange.WorkspaceDeleted;
import dev.connectnow.realtime.routing.MembershipChange.WorkspaceMemberAdded;
import dev.connectnow.realtime.routing.MembershipChange.WorkspaceMemberRemoved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who belongs where, for the users with a session on this instance only: user → workspaces, channels and DM
 * partners; channel → local members (with the channel's workspace, privacy and member count); workspace →
 * local members. Fed by one snapshot per user (taken when the user's first session here identifies) and kept
 * current by membership events.
 *
 * <p>While a user's snapshot is being fetched, the membership changes that concern them are held back and
 * applied, in order, right after the snapshot: a change the snapshot already contains is applied twice, which
 * every change tolerates (they set state, they do not count), and one it missed is not lost.
 *
 * <p>Writers are serialized (membership events and snapshots are rare next to message events); readers never
 * lock and see each completed write, so once a removal is applied no later lookup routes to the removed user.
 */
public final class RoutingIndex {

    /** The routing facts of one channel with local members. */
    public record ChannelInfo(UUID workspaceId, boolean isPrivate, int memberCount) {}

    /** What {@link #acquire} decided: the caller fetches the snapshot if {@code mustLoad}, then awaits {@code ready}. */
    public record Acquisition(boolean mustLoad, CompletableFuture<Void> ready) {}

    private static final class UserEntry {
        boolean loading = true;
        int holders;
        final List<MembershipChange> pending = new ArrayList<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final Set<UUID> workspaceIds = ConcurrentHashMap.newKeySet();
        final Set<UUID> channelIds = ConcurrentHashMap.newKeySet();
        final Set<UUID> dmPartners = ConcurrentHashMap.newKeySet();
    }

    private static final class ChannelEntry {
        final UUID workspaceId;
        volatile boolean isPrivate;
        volatile int memberCount;
        final Set<UUID> localMembers = ConcurrentHashMap.newKeySet();

        ChannelEntry(UUID workspaceId, boolean isPrivate) {
            this.workspaceId = workspaceId;
            this.isPrivate = isPrivate;
        }
    }

    private final Map<UUID, UserEntry> users = new ConcurrentHashMap<>();
    private final Map<UUID, ChannelEntry> channels = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> workspaces = new ConcurrentHashMap<>();
    /** partner → local users who have a conversation with them (for user.updated and presence visibility). */
    private final Map<UUID, Set<UUID>> dmPartnersOf = new ConcurrentHashMap<>();

    // ------------------------------------------------------------------ lifecycle of a user

    /**
     * A session of the user starts here. The first one must load the snapshot; later ones wait for that load
     * (or find the user present already).
     */
    public synchronized Acquisition acquire(UUID userId) {
        UserEntry entry = users.get(userId);
        if (entry == null) {
            entry = new UserEntry();
            entry.holders = 1;
            users.put(userId, entry);
            return new Acquisition(true, entry.ready);
        }
        entry.holders++;
        return new Acquisition(false, entry.ready);
    }

    /** The snapshot arrived: installs it, then the changes held back meanwhile, and releases the waiters. */
    public void install(UUID userId, MembershipSnapshot snapshot) {
        CompletableFuture<Void> ready;
        synchronized (this) {
            UserEntry entry = users.get(userId);
            if (entry == null || !entry.loading) {
                return;
            }
            snapshot.workspaceIds().forEach(workspaceId -> joinWorkspace(entry, userId, workspaceId));
            for (MembershipSnapshot.ChannelMembership channel : snapshot.channels()) {
                joinChannel(entry, userId, channel.channelId(), channel.workspaceId(), channel.isPrivate());
                channels.get(channel.channelId()).memberCount = channel.memberCount();
            }
            snapshot.dmPartners().forEach(partner -> addPartner(entry, userId, partner));
            for (MembershipChange change : entry.pending) {
                applyTo(entry, userId, change);
            }
            entry.pending.clear();
            entry.loading = false;
            ready = entry.ready;
        }
        ready.complete(null);
    }

    /** The snapshot could not be fetched: every session waiting for it fails, the user is forgotten. */
    public void abandon(UUID userId, Throwable cause) {
        CompletableFuture<Void> ready = null;
        synchronized (this) {
            UserEntry entry = users.get(userId);
            if (entry != null && entry.loading) {
                users.remove(userId);
                ready = entry.ready;
            }
        }
        if (ready != null) {
            ready.completeExceptionally(cause);
        }
    }

    /** A session of the user ended; the last one removes the user from the index. */
    public synchronized void release(UUID userId) {
        UserEntry entry = users.get(userId);
        if (entry == null || --entry.holders > 0) {
            return;
        }
        users.remove(userId);
        for (UUID channelId : List.copyOf(entry.channelIds)) {
            leaveChannel(entry, userId, channelId);
        }
        for (UUID workspaceId : List.copyOf(entry.workspaceIds)) {
            removeFrom(workspaces, workspaceId, userId);
        }
        for (UUID partner : entry.dmPartners) {
            removeFrom(dmPartnersOf, partner, userId);
        }
    }

    // ------------------------------------------------------------------ membership events

    public synchronized void apply(MembershipChange change) {
        if (change instanceof ChannelMemberAdded added) {
            adjustCount(added.channelId(), +1);
        } else if (change instanceof ChannelMemberRemoved removed) {
            adjustCount(removed.channelId(), -1);
        } else if (change instanceof ChannelChanged changed) {
            updatePrivacy(changed);
        } else if (change instanceof ChannelDeleted deleted) {
            deleteChannel(deleted.channelId());
        } else if (change instanceof WorkspaceDeleted deleted) {
            deleteWorkspace(deleted.workspaceId());
        }
        for (UUID userId : concernedUsers(change)) {
            UserEntry entry = users.get(userId);
            if (entry == null) {
                continue;
            }
            if (entry.loading) {
                entry.pending.add(change);
            } else {
                applyTo(entry, userId, change);
            }
        }
    }

    /** Users a change is about; for changes of a whole channel or workspace: every user still loading. */
    private List<UUID> concernedUsers(MembershipChange change) {
        if (change instanceof ChannelMemberAdded added) {
            return List.of(added.userId());
        } else if (change instanceof ChannelMemberRemoved removed) {
            return List.of(removed.userId());
        } else if (change instanceof WorkspaceMemberAdded added) {
            return List.of(added.userId());
        } else if (change instanceof WorkspaceMemberRemoved removed) {
            return List.of(removed.userId());
        } else if (change instanceof ConversationCreated created) {
            return List.of(created.userA(), created.userB());
        }
        List<UUID> loading = new ArrayList<>();
        users.forEach((userId, entry) -> {
            if (entry.loading) {
                loading.add(userId);
            }
        });
        return loading;
    }

    /**
     * The change as it concerns one present (or just installed) user. Changes of a whole channel or workspace
     * reach here only for users whose snapshot was loading when they happened, and are applied again then.
     */
    private void applyTo(UserEntry entry, UUID userId, MembershipChange change) {
        if (change instanceof ChannelMemberAdded added) {
            if (userId.equals(added.userId())) {
                joinChannel(entry, userId, added.channelId(), added.workspaceId(), added.isPrivate());
            }
        } else if (change instanceof ChannelMemberRemoved removed) {
            if (userId.equals(removed.userId())) {
                leaveChannel(entry, userId, removed.channelId());
            }
        } else if (change instanceof ChannelChanged changed) {
            updatePrivacy(changed);
        } else if (change instanceof ChannelDeleted deleted) {
            deleteChannel(deleted.channelId());
        } else if (change instanceof WorkspaceMemberAdded added) {
            if (userId.equals(added.userId())) {
                joinWorkspace(entry, userId, added.workspaceId());
            }
        } else if (change instanceof WorkspaceMemberRemoved removed) {
            if (userId.equals(removed.userId())) {
                leaveWorkspace(entry, userId, removed.workspaceId());
            }
        } else if (change instanceof WorkspaceDeleted deleted) {
            deleteWorkspace(deleted.workspaceId());
        } else if (change instanceof ConversationCreated created) {
            if (userId.equals(created.userA())) {
                addPartner(entry, userId, created.userB());
            }
            if (userId.equals(created.userB())) {
                addPartner(entry, userId, created.userA());
            }
        }
    }

    private void updatePrivacy(ChannelChanged changed) {
        ChannelEntry channel = channels.get(changed.channelId());
        if (channel != null) {
            channel.isPrivate = changed.isPrivate();
        }
    }

    // ------------------------------------------------------------------ reads (lock-free)

    /** Local users who are members of the channel. */
    public Set<UUID> channelMembers(UUID channelId) {
        ChannelEntry channel = channels.get(channelId);
        return channel == null ? Set.of() : channel.localMembers;
    }

    public Optional<ChannelInfo> channel(UUID channelId) {
        ChannelEntry channel = channels.get(channelId);
        return channel == null
                ? Optional.empty()
                : Optional.of(new ChannelInfo(channel.workspaceId, channel.isPrivate, channel.memberCount));
    }

    public boolean isChannelMember(UUID userId, UUID channelId) {
        return channelMembers(channelId).contains(userId);
    }

    /** Local users who are members of the workspace. */
    public Set<UUID> workspaceMembers(UUID workspaceId) {
        return workspaces.getOrDefault(workspaceId, Set.of());
    }

    /** The workspaces of a local user; empty for a user not present here. */
    public Set<UUID> workspacesOf(UUID userId) {
        UserEntry entry = users.get(userId);
        return entry == null || entry.loading ? Set.of() : entry.workspaceIds;
    }

    /** The users a local user has a conversation with. */
    public Set<UUID> dmPartners(UUID userId) {
        UserEntry entry = users.get(userId);
        return entry == null || entry.loading ? Set.of() : entry.dmPartners;
    }

    /** Local users who have a conversation with {@code userId}. */
    public Set<UUID> localDmPartnersOf(UUID userId) {
        return dmPartnersOf.getOrDefault(userId, Set.of());
    }

    public boolean isPresent(UUID userId) {
        UserEntry entry = users.get(userId);
        return entry != null && !entry.loading;
    }

    public int userCount() {
        return users.size();
    }

    // ------------------------------------------------------------------ writes (under the lock)

    private void joinChannel(UserEntry entry, UUID userId, UUID channelId, UUID workspaceId, boolean isPrivate) {
        channels.computeIfAbsent(channelId, id -> new ChannelEntry(workspaceId, isPrivate))
                .localMembers
                .add(userId);
        entry.channelIds.add(channelId);
    }

    private void leaveChannel(UserEntry entry, UUID userId, UUID channelId) {
        entry.channelIds.remove(channelId);
        ChannelEntry channel = channels.get(channelId);
        if (channel != null) {
            channel.localMembers.remove(userId);
            if (channel.localMembers.isEmpty()) {
                channels.remove(channelId);
            }
        }
    }

    private void deleteChannel(UUID channelId) {
        ChannelEntry channel = channels.remove(channelId);
        if (channel != null) {
            for (UUID member : channel.localMembers) {
                UserEntry entry = users.get(member);
                if (entry != null) {
                    entry.channelIds.remove(channelId);
                }
            }
        }
    }

    private void adjustCount(UUID channelId, int delta) {
        ChannelEntry channel = channels.get(channelId);
        if (channel != null) {
            channel.memberCount = Math.max(0, channel.memberCount + delta);
        }
    }

    private void joinWorkspace(UserEntry entry, UUID userId, UUID workspaceId) {
        workspaces
                .computeIfAbsent(workspaceId, id -> ConcurrentHashMap.newKeySet())
                .add(userId);
        entry.workspaceIds.add(workspaceId);
    }

    private void leaveWorkspace(UserEntry entry, UUID userId, UUID workspaceId) {
        entry.workspaceIds.remove(workspaceId);
        removeFrom(workspaces, workspaceId, userId);
        for (UUID channelId : List.copyOf(entry.channelIds)) {
            ChannelEntry channel = channels.get(channelId);
            if (channel != null && channel.workspaceId.equals(workspaceId)) {
                leaveChannel(entry, userId, channelId);
            }
        }
    }

    private void deleteWorkspace(UUID workspaceId) {
        Set<UUID> members = workspaces.remove(workspaceId);
        if (members != null) {
            for (UUID member : members) {
                UserEntry entry = users.get(member);
                if (entry != null) {
                    entry.workspaceIds.remove(workspaceId);
                }
            }
        }
        List<UUID> doomed = new ArrayList<>();
        channels.forEach((channelId, channel) -> {
            if (channel.workspaceId.equals(workspaceId)) {
                doomed.add(channelId);
            }
        });
        doomed.forEach(this::deleteChannel);
    }

    private void addPartner(UserEntry entry, UUID userId, UUID partner) {
        entry.dmPartners.add(partner);
        dmPartnersOf
                .computeIfAbsent(partner, id -> ConcurrentHashMap.newKeySet())
                .add(userId);
    }

    private static void removeFrom(Map<UUID, Set<UUID>> index, UUID key, UUID value) {
        index.computeIfPresent(key, (k, values) -> {
            values.remove(value);
            return values.isEmpty() ? null : values;
        });
    }
}
