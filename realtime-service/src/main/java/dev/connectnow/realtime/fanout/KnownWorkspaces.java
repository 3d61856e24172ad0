package dev.connectnow.realtime.fanout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The workspaces of users who are not connected here, as the last {@code presence.updated} about them said
 * (presence-service lists every workspace of the user in it). Only used to find who shares a workspace with the
 * subject of a {@code user.updated}; bounded (least recently used entries go first).
 */
final class KnownWorkspaces {

    private final Map<UUID, List<UUID>> byUser;

    KnownWorkspaces(int capacity) {
        this.byUser = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, List<UUID>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(UUID userId, List<UUID> workspaceIds) {
        byUser.put(userId, List.copyOf(workspaceIds));
    }

    synchronized List<UUID> of(UUID userId) {
        return byUser.getOrDefault(userId, List.of());
    }
}
