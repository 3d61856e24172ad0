package dev.connectnow.channel.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ChannelRepository extends JpaRepository<Channel, UUID> {

    /** Served by the unique (workspace_id, name) index, like the other name lookups. */
    boolean existsByWorkspaceIdAndName(UUID workspaceId, String name);

    Optional<Channel> findByWorkspaceIdAndName(UUID workspaceId, String name);

    /** Every channel of a workspace in display order (served by channels_workspace_position_idx). */
    List<Channel> findByWorkspaceIdOrderByPositionAscIdAsc(UUID workspaceId);

    @Query(value = "select coalesce(max(position), -1) + 1 from channels where workspace_id = ?1", nativeQuery = true)
    int nextPosition(UUID workspaceId);

    /** The current value, which the entity (mapped read-only) may hold stale. */
    @Query(value = "select last_message_seq from channels where id = ?1", nativeQuery = true)
    long lastMessageSeq(UUID channelId);

    /** Members and message index rows go with them (ON DELETE CASCADE). */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Channel c where c.workspaceId = ?1")
    int deleteAllOfWorkspace(UUID workspaceId);
}
