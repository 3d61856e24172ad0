package dev.connectnow.realtime.routing;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one user belongs to when their first socket connects here, as the owning services answer (contract 3):
 * workspaces (workspace-service), channel memberships (channel-service), DM partners (dm-service).
 */
public record MembershipSnapshot(Set<UUID> workspaceIds, List<ChannelMembership> channels, Set<UUID> dmPartners) {

    public MembershipSnapshot {
        workspaceIds = Set.copyOf(workspaceIds);
        channels = List.copyOf(channels);
        dmPartners = Set.copyOf(dmPartners);
    }

    /**
     * @param memberCount how many members the channel had when the snapshot was taken (decides whether typing
     *                    is fanned out); kept current by member events afterwards
     */
    public record ChannelMembership(UUID channelId, UUID workspaceId, boolean isPrivate, int memberCount) {}
}
