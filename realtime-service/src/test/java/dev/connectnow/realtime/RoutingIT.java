package dev.connectnow.realtime;

import static dev.connectnow.realtime.support.Payloads.channelMember;
import static dev.connectnow.realtime.support.Payloads.directMessage;
import static dev.connectnow.realtime.support.Payloads.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.MessagesRead;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.presence.PresenceEvents;
import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import dev.connectnow.events.presence.PresenceEvents.PresenceUpdated;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.RevocationReason;
import dev.connectnow.events.user.UserEvents.SessionRevoked;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.realtime.support.OwningServices.Membership;
import dev.connectnow.realtime.support.RealtimeIntegrationTest;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.TestEvents;
import dev.connectnow.testkit.TestTokens;
import dev.connectnow.testkit.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Who gets what (S20, S21): channel events to members only, public or private; DM events to the two
 * participants; removal stops delivery; a ban or a revoked session closes the socket 4003; typing and presence
 * as the protocol says. Events are produced to Kafka as the owning services would; memberships come from the
 * snapshot endpoints (stood in for by {@code OwningServices}).
 */
class RoutingIT extends RealtimeIntegrationTest {

    final UUID workspace = newId();
    final UUID general = newId();
    final UUID secret = newId();

    /** A user in the workspace and in the given channels. */
    UUID member(UUID... channels) {
        UUID user = newId();
        Membership[] memberships = java.util.Arrays.stream(channels)
                .map(c -> new Membership(c, workspace, c.equals(secret), 3))
                .toArray(Membership[]::new);
        OWNERS.member(user, workspace, memberships);
        return user;
    }

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void everyInstanceReadsEveryPartitionInAConsumerGroupOfItsOwn() {
        for (String listener : List.of("realtime-public", "realtime-user")) {
            assertThat(listeners.getListenerContainer(listener).getGroupId())
                    .as("a group shared by the instances would split the partitions between them")
                    .startsWith("realtime-service-")
                    .isNotEqualTo(listener);
        }
    }

    @Test
    void channelMessagesReachMembersAndNeverNonMembersPublicOrPrivate() {
        UUID ada = member(general, secret);
        UUID bob = member(general);
        UUID eve = member(); // in the workspace, may see #general, member of nothing
        try (WsClient adaWs = identified(ada);
                WsClient bobWs = identified(bob);
                WsClient eveWs = identified(eve)) {
            publish(MessageEvents.CREATED, message(general, workspace, ada, 1, "hello #general"));
            publish(MessageEvents.CREATED, message(secret, workspace, ada, 1, "psst"));
            publish(MessageEvents.CREATED, message(general, workspace, ada, 2, "last"));
            adaWs.awaitEvent(
                    "message.created",
                    e -> e.path("d").path("content").asString().equals("last"));
            bobWs.awaitEvent(
                    "message.created",
                    e -> e.path("d").path("content").asString().equals("last"));
            assertThat(adaWs.events("message.created")).hasSize(3);
            assertThat(bobWs.events("message.created"))
                    .extracting(e -> e.path("d").path("content").asString())
                    .containsExactly("hello #general", "last");
            assertThat(bobWs.events()).extracting(e -> e.path("s").asLong()).containsExactly(1L, 2L);
            eveWs.heartbeat().awaitOp("HEARTBEAT_ACK");
            assertThat(eveWs.events()).isEmpty();
        }
    }

    @Test
    void anEventTheProducerSentTwiceReachesASessionOnce() {
        UUID ada = member(general);
        try (WsClient adaWs = identified(ada)) {
            // the outbox relay re-sends a batch it could not delete after Kafka acknowledged it
            EventEnvelope<?> twice = envelope(MessageEvents.CREATED, message(general, workspace, ada, 1, "once"));
            TestEvents.send(twice);
            TestEvents.send(twice);
            publish(MessageEvents.CREATED, message(general, workspace, ada, 2, "barrier"));

            adaWs.awaitEvent(
                    "message.created",
                    e -> e.path("d").path("content").asString().equals("barrier"));
            assertThat(adaWs.events("message.created"))
                    .extracting(e -> e.path("d").path("content").asString())
                    .containsExactly("once", "barrier");
            assertThat(adaWs.events()).extracting(e -> e.path("s").asLong()).containsExactly(1L, 2L);
        }
    }

    @Test
    void removalFromAChannelStopsItsEventsAndAnAddBringsThemBack() {
        UUID ada = member(secret);
        UUID bob = member(secret);
        try (WsClient adaWs = identified(ada);
                WsClient bobWs = identified(bob)) {
            publish(ChannelEvents.MEMBER_REMOVED, channelMember(secret, workspace, bob, true));
            bobWs.awaitEvent("channel.member.removed", e -> true);
            publish(MessageEvents.CREATED, message(secret, workspace, ada, 5, "after bob left"));
            adaWs.awaitEvent("message.created", e -> true);
            publish(ChannelEvents.MEMBER_ADDED, channelMember(secret, workspace, bob, true));
            publish(MessageEvents.CREATED, message(secret, workspace, ada, 6, "welcome back"));
            bobWs.awaitEvent("message.created", e -> true);
            assertThat(bobWs.events())
                    .extracting(e -> e.path("t").asString() + ":"
                            + e.path("d").path("content").asString(""))
                    .containsExactly(
                            "channel.member.removed:", "channel.member.added:", "message.created:welcome back");
        }
    }

    @Test
    void directMessagesReachBothParticipantsAndNobodyElse() {
        UUID ada = member();
        UUID bob = member();
        UUID eve = member();
        UUID conversation = newId();
        try (WsClient adaWs = identified(ada);
                WsClient bobWs = identified(bob);
                WsClient eveWs = identified(eve)) {
            var dm = directMessage(conversation, ada, bob, "hi bob");
            publish(DmEvents.MESSAGE_CREATED, dm);
            bobWs.awaitEvent(
                    "dm.message.created",
                    e -> e.path("d").path("content").asString().equals("hi bob"));
            publish(
                    DmEvents.MESSAGE_READ,
                    new MessagesRead(conversation, bob, dm.id(), 1, Instant.now(), List.of(ada, bob)));
            adaWs.awaitEvent(
                    "dm.message.read",
                    e -> e.path("d").path("readerId").asString().equals(bob.toString()));
            assertThat(bobWs.events("dm.message.created").get(0).path("d").has("participantIds"))
                    .isFalse();
            eveWs.heartbeat().awaitOp("HEARTBEAT_ACK");
            assertThat(eveWs.events()).isEmpty();
        }
    }

    @Test
    void aBanClosesTheUsersSocketsWith4003AndTheTokenStopsWorking() {
        UUID ada = member();
        String token = TestTokens.accessToken(ada);
        try (WsClient phone = connect();
                WsClient laptop = identified(ada);
                WsClient bystander = identified(member())) {
            phone.identify(token);
            publish(UserEvents.BANNED, new UserBanned(ada, "spam", Instant.now()));
            assertThat(phone.awaitClose().code()).isEqualTo(4003);
            assertThat(laptop.awaitClose().code()).isEqualTo(4003);
            assertThat(bystander.closeStatus()).isEmpty();
            try (WsClient retry = connect()) {
                retry.send("IDENTIFY", java.util.Map.of("token", token));
                assertThat(retry.awaitClose().code()).isEqualTo(4003);
            }
        }
    }

    @Test
    void aRevokedSessionClosesOnlyThatDevicesSockets() {
        UUID ada = member();
        UUID phoneSession = newId();
        try (WsClient phone = connect();
                WsClient laptop = identified(ada)) {
            phone.identify(
                    TestTokens.shared().builder(ada).session(phoneSession).sign());
            publish(
                    UserEvents.SESSION_REVOKED,
                    new SessionRevoked(ada, phoneSession, RevocationReason.LOGOUT, Instant.now()));
            assertThat(phone.awaitClose().code()).isEqualTo(4003);
            laptop.heartbeat().awaitOp("HEARTBEAT_ACK");
            assertThat(laptop.closeStatus()).isEmpty();
        }
    }

    @Test
    void typingGoesToTheOtherMembersCoalescedAndThroughKafka() {
        UUID ada = member(general);
        UUID bob = member(general);
        UUID eve = member();
        try (EventCollector typingTopic = new EventCollector(Topics.TYPING);
                WsClient adaWs = identified(ada);
                WsClient bobWs = identified(bob);
                WsClient eveWs = identified(eve)) {
            adaWs.typing(general).typing(general).typing(general);
            eveWs.typing(general); // not a member: dropped
            bobWs.awaitEvent(
                    "typing.started", e -> e.path("d").path("userId").asString().equals(ada.toString()));
            assertThat(typingTopic.drain(
                            r -> r.data().path("channelId").asString().equals(general.toString()),
                            Duration.ofSeconds(2)))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.key()).isEqualTo(general.toString());
                        assertThat(r.data().path("userId").asString()).isEqualTo(ada.toString());
                    });
            assertThat(bobWs.events("typing.started"))
                    .hasSize(1)
                    .allSatisfy(e -> assertThat(e.has("s")).isFalse());
            assertThat(adaWs.events("typing.started")).isEmpty();
            assertThat(eveWs.events()).isEmpty();
        }
    }

    @Test
    void typingIsNotFannedOutInLargeChannels() {
        UUID crowded = newId();
        UUID ada = newId();
        UUID bob = newId();
        OWNERS.member(ada, workspace, new Membership(crowded, workspace, false, 51));
        OWNERS.member(bob, workspace, new Membership(crowded, workspace, false, 51));
        try (EventCollector typingTopic = new EventCollector(Topics.TYPING);
                WsClient adaWs = identified(ada);
                WsClient bobWs = identified(bob)) {
            adaWs.typing(crowded);
            assertThat(typingTopic.drain(
                            r -> r.data().path("channelId").asString().equals(crowded.toString()),
                            Duration.ofSeconds(2)))
                    .isEmpty();
            assertThat(bobWs.events()).isEmpty();
        }
    }

    @Test
    void presenceReachesCoMembersAndSubscribersWhoMaySeeItWithoutRoutingFields() {
        UUID ada = member();
        UUID bob = member();
        UUID stranger = newId();
        OWNERS.member(stranger, newId());
        try (WsClient bobWs = identified(bob);
                WsClient strangerWs = identified(stranger)) {
            strangerWs.subscribePresence(List.of(ada));
            bobWs.subscribePresence(List.of(ada));
            strangerWs.heartbeat().awaitOp("HEARTBEAT_ACK");
            bobWs.heartbeat().awaitOp("HEARTBEAT_ACK");
            // a large workspace: no fan-out, only subscribers who share it
            publish(
                    PresenceEvents.UPDATED,
                    new PresenceUpdated(
                            ada, PresenceStatus.BUSY, "focus", Instant.now(), List.of(workspace), List.of()));
            var event = bobWs.awaitEvent("presence.updated", e -> true);
            assertThat(event.has("s")).isFalse();
            assertThat(event.path("d").path("status").asString()).isEqualTo("BUSY");
            assertThat(event.path("d").has("workspaceIds")).isFalse();
            assertThat(event.path("d").has("fanOutWorkspaceIds")).isFalse();
            strangerWs.heartbeat().awaitOp("HEARTBEAT_ACK");
            assertThat(strangerWs.events()).isEmpty();
        }
    }

    @Test
    void activityIsPublishedForPresenceCoalesced() {
        UUID ada = member();
        try (EventCollector connections = new EventCollector(Topics.CONNECTION)) {
            WsClient adaWs = identified(ada);
            adaWs.activity().activity().activity();
            adaWs.close();
            // one sender thread, keyed by user: every activity record precedes the disconnect record
            assertThat(connections.await(r -> about(r, "socket.disconnected", ada), 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            assertThat(connections.await(r -> about(r, "socket.activity", ada), 1, Duration.ZERO))
                    .singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo(ada.toString()));
        }
    }

    static boolean about(EventCollector.Received record, String type, UUID user) {
        return record.type().equals(type)
                && record.data().path("userId").asString().equals(user.toString());
    }

    @Test
    void anUnavailableOwningServiceRefusesTheSocketWith4013() {
        UUID ada = member();
        OWNERS.fail("/api/channels/memberships", 503);
        try (WsClient client = connect()) {
            client.send("IDENTIFY", java.util.Map.of("token", TestTokens.accessToken(ada)));
            assertThat(client.awaitClose().code()).isEqualTo(4013);
        } finally {
            OWNERS.heal("/api/channels/memberships");
        }
        try (WsClient client = identified(ada)) {
            assertThat(client.closeStatus()).isEmpty();
        }
    }
}
