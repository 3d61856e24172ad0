package dev.connectnow.channel.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ChannelMemberRepository extends JpaRepository<ChannelMember, UUID> {

    /** Served by the unique (channel_id, user_id) index. */
    Optional<ChannelMember> findByChannelIdAndUserId(UUID channelId, UUID userId);

    /** Served by channel_members_user_workspace_idx. */
    List<ChannelMember> findByUserIdAndWorkspaceId(UUID userId, UUID workspaceId);
}
