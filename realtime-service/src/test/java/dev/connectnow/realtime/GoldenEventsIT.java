package dev.connectnow.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.EventType;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.presence.PresenceEvents;
import dev.connectnow.events.typing.TypingEvents;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.realtime.protocol.CloseCodes;
import dev.connectnow.realtime.support.OwningServices.Membership;
import dev.connectnow.realtime.support.RealtimeIntegrationTest;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventContracts;
import dev.connectnow.testkit.TestEvents;
import dev.connectnow.testkit.TestTokens;
import dev.connectnow.testkit.WsClient;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Producers and this consumer cannot drift apart: the golden document of every event type realtime-service
 * reads (the JSON each producer's build proves its records serialize to) goes through the real listener, and
 * the frame pushed to a recipient carries the producer's payload unchanged — minus the routing lists the
 * contracts strip — with a sequence number unless the event is ephemeral. Types that are not shown to clients
 * reach nobody. All golden documents name the same users (Ada, the author, and Babbage), workspace and private
 * channel, which the stand-in owning services give both users.
 */
class GoldenEventsIT extends RealtimeIntegrationTest {

    private static final JsonMapper GOLDEN_JSON = JsonMapper.builder().build();

    static final UUID ADA = UUID.fromString("0193a8f2-6b00-7c11-8e2f-0c4d5e6f7a8b");
    static final UUID BABBAGE = UUID.fromString("0193a8f2-6b01-7d22-9f30-1d5e6f7a8b9c");
    static final UUID WORKSPACE = UUID.fromString("0193a8f2-6b03-7f44-b152-3f7a8b9cadbe");
    static final UUID CHANNEL = UUID.fromString("0193a8f2-6b05-7166-9374-5b9cadbecfd0");
    static final Set<String> EPHEMERAL = Set.of("presence.updated", "typing.started");

    WsClient ada;
    WsClient babbage;

    @BeforeAll
    static void membership() {
        for (UUID user : List.of(ADA, BABBAGE)) {
            OWNERS.member(user, WORKSPACE, new Membership(CHANNEL, WORKSPACE, true, 2));
        }
    }

    /** Fresh sockets, fresh snapshots: a membership event of one case must not shape the next. */
    @AfterEach
    void closeAndForget() {
        Stream.of(ada, babbage).filter(java.util.Objects::nonNull).forEach(WsClient::close);
        Await.until(
                "both users' sessions ended",
                () -> hub.sessions().ofUser(ADA).isEmpty()
                        && hub.sessions().ofUser(BABBAGE).isEmpty());
    }

    static Stream<Arguments> shownToClients() {
        return Stream.of(
                        MessageEvents.CREATED,
                        MessageEvents.UPDATED,
                        MessageEvents.DELETED,
                        MessageEvents.PINNED,
                        MessageEvents.UNPINNED,
                        MessageEvents.REACTION_ADDED,
                        MessageEvents.REACTION_REMOVED,
                        ChannelEvents.CREATED,
                        ChannelEvents.UPDATED,
                        ChannelEvents.ARCHIVED,
                        ChannelEvents.UNARCHIVED,
                        ChannelEvents.DELETED,
                        ChannelEvents.MEMBER_ADDED,
                        ChannelEvents.MEMBER_REMOVED,
                        WorkspaceEvents.MEMBER_ADDED,
                        WorkspaceEvents.MEMBER_UPDATED,
                        WorkspaceEvents.MEMBER_REMOVED,
                        DmEvents.MESSAGE_CREATED,
                        DmEvents.MESSAGE_UPDATED,
                        DmEvents.MESSAGE_DELETED,
                        DmEvents.MESSAGE_READ,
                        PresenceEvents.UPDATED,
                        TypingEvents.STARTED,
                        UserEvents.UPDATED)
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shownToClients")
    void theGoldenDocumentReachesTheRecipientAsTheProducerWroteIt(EventType<?> type) {
        connectBoth();
        sendGolden(type);

        JsonNode frame = babbage.awaitEvent(type.name(), e -> true);
        ObjectNode expected = (ObjectNode) EventContracts.goldenTree(type).get("data");
        expected.remove(List.of("participantIds", "workspaceIds", "fanOutWorkspaceIds"));
        assertThat(frame.path("d")).isEqualTo(expected);
        assertThat(frame.has("s")).isEqualTo(!EPHEMERAL.contains(type.name()));
    }

    static Stream<Arguments> notShownToClients() {
        // each is followed by a shown event on the same topic and key, so it was handled when that one arrives
        return Stream.of(
                Arguments.of(WorkspaceEvents.CREATED, WorkspaceEvents.MEMBER_ADDED),
                Arguments.of(WorkspaceEvents.UPDATED, WorkspaceEvents.MEMBER_ADDED),
                Arguments.of(WorkspaceEvents.DELETED, WorkspaceEvents.MEMBER_ADDED),
                Arguments.of(ChannelEvents.MEMBER_UPDATED, ChannelEvents.UPDATED),
                Arguments.of(DmEvents.CONVERSATION_CREATED, DmEvents.MESSAGE_CREATED),
                Arguments.of(UserEvents.REGISTERED, UserEvents.UPDATED),
                Arguments.of(UserEvents.UNBANNED, UserEvents.UPDATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notShownToClients")
    void theGoldenDocumentIsReadButReachesNobody(EventType<?> type, EventType<?> marker) {
        connectBoth();
        double unroutable = counter("connectnow.realtime.events.unroutable");
        sendGolden(type);
        sendGolden(marker);

        babbage.awaitEvent(marker.name(), e -> true);
        assertThat(babbage.events()).extracting(e -> e.path("t").asString()).containsExactly(marker.name());
        assertThat(counter("connectnow.realtime.events.unroutable")).isEqualTo(unroutable);
    }

    @Test
    void theGoldenBanClosesTheUsersSockets4003() {
        connectBoth();
        sendGolden(UserEvents.BANNED);

        assertThat(ada.awaitClose().code()).isEqualTo(CloseCodes.REVOKED);
        babbage.heartbeat().awaitOp("HEARTBEAT_ACK");
        assertThat(babbage.closeStatus()).isEmpty();
    }

    @Test
    void theGoldenSessionRevocationClosesThatDevicesSocket4003() {
        JsonNode revoked = EventContracts.goldenTree(UserEvents.SESSION_REVOKED).path("data");
        UUID device = UUID.fromString(revoked.path("sessionId").asString());
        ada = WsClient.connect(ws());
        ada.identify(TestTokens.shared().builder(ADA).session(device).sign());
        babbage = identified(BABBAGE);
        try (WsClient adasOtherDevice = identified(ADA)) {
            sendGolden(UserEvents.SESSION_REVOKED);

            assertThat(ada.awaitClose().code()).isEqualTo(CloseCodes.REVOKED);
            adasOtherDevice.heartbeat().awaitOp("HEARTBEAT_ACK");
            assertThat(adasOtherDevice.closeStatus()).isEmpty();
        }
    }

    private void connectBoth() {
        ada = identified(ADA);
        babbage = identified(BABBAGE);
    }

    /**
     * The golden document as a new event: every golden document carries the same event id, and an instance pushes
     * an event id only once (a redelivery goes to nobody).
     */
    private static void sendGolden(EventType<?> type) {
        ObjectNode golden = (ObjectNode) GOLDEN_JSON.readTree(EventContracts.golden(type));
        golden.put("id", UUID.randomUUID().toString());
        TestEvents.send(golden);
    }
}
