package dev.connectnow.message;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.EventType;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.message.support.EventFeed;
import dev.connectnow.message.support.MessageTestBase;
import dev.connectnow.testkit.EventContracts;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The documents the other services publish, exactly as their builds prove they serialize (the golden files of
 * platform-events), fed through message-service's real listeners: a field renamed or retyped on either side
 * fails here, not in production. The golden files share one event id, so each is sent with a fresh one.
 */
class ConsumedEventContractsTest extends MessageTestBase {

    // the ids the golden payloads use
    private static final UUID ADA = UUID.fromString("0193a8f2-6b00-7c11-8e2f-0c4d5e6f7a8b");
    private static final UUID BABBAGE = UUID.fromString("0193a8f2-6b01-7d22-9f30-1d5e6f7a8b9c");
    private static final UUID WORKSPACE = UUID.fromString("0193a8f2-6b03-7f44-b152-3f7a8b9cadbe");
    private static final UUID CHANNEL = UUID.fromString("0193a8f2-6b05-7166-9374-5b9cadbecfd0");
    private static final UUID CONVERSATION = UUID.fromString("0193a8f2-6b09-75aa-97b8-9fd0e1f20314");

    @Test
    void theGoldenEventsOfEveryConsumedTopicAreApplied() {
        EventFeed feed = feed();
        feed.publishAndAwait(golden(UserEvents.REGISTERED));
        assertThat(jdbc.queryForObject("select username from users where user_id = ?", String.class, ADA))
                .isEqualTo("ada");

        feed.publishAndAwait(golden(WorkspaceEvents.MEMBER_ADDED));
        feed.publishAndAwait(golden(ChannelEvents.CREATED));
        feed.publishAndAwait(golden(ChannelEvents.MEMBER_ADDED));
        String timeline = "/api/channels/" + CHANNEL + "/messages";
        assertThat(contents(api(BABBAGE).get(timeline).json()))
                .as("a member of the private channel reads it, starting with their own arrival")
                .containsExactly("joined the channel");
        assertProblem(api(ADA).get(timeline), 404);

        feed.publishAndAwait(golden(DmEvents.CONVERSATION_CREATED));
        assertThat(jdbc.queryForObject(
                        "select count(*) from dm_conversations where id = ?", Integer.class, CONVERSATION))
                .isEqualTo(1);

        feed.publishAndAwait(golden(ChannelEvents.MEMBER_REMOVED));
        assertProblem(api(BABBAGE).get(timeline), 404);
        assertThat(jdbc.queryForList(
                        "select content from messages where channel_id = ? and type = 'SYSTEM' order by seq",
                        String.class,
                        CHANNEL))
                .containsExactly("joined the channel", "left the channel");

        feed.publishAndAwait(golden(WorkspaceEvents.DELETED));
        assertThat(jdbc.queryForObject(
                        "select deleted from workspaces where workspace_id = ?", Boolean.class, WORKSPACE))
                .isTrue();
    }

    private static ObjectNode golden(EventType<?> type) {
        ObjectNode envelope = EventContracts.goldenTree(type);
        envelope.put("id", UuidV7.next().toString());
        return envelope;
    }
}
