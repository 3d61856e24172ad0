package dev.connectnow.realtime.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelDeleted;
import dev.connectnow.events.channel.ChannelEvents.ChannelMemberChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.ConversationPayload;
import dev.connectnow.events.dm.DmEvents.DirectMessagePayload;
import dev.connectnow.events.dm.DmEvents.MessagesRead;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.message.MessageEvents.MessagePayload;
import dev.connectnow.events.presence.PresenceEvents;
import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import dev.connectnow.events.presence.PresenceEvents.PresenceUpdated;
import dev.connectnow.events.typing.TypingEvents;
import dev.connectnow.events.typing.TypingEvents.TypingStarted;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.RevocationReason;
import dev.connectnow.events.user.UserEvents.SessionRevoked;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.realtime.protocol.CloseCodes;
import dev.connectnow.realtime.routing.MembershipSnapshot;
import dev.connectnow.realtime.routing.MembershipSnapshot.ChannelMembership;
import dev.connectnow.realtime.socket.EngineFixture;
import dev.connectnow.realtime.socket.EngineFixture.FakeSocket;
import dev.connectnow.realtime.support.Payloads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventRouterTest {

    final EngineFixture engine = new EngineFixture();
    final EventRouter router = new EventRouter(
            new EventDispatcher(EngineFixture.EVENT_JSON, null, null),
            EngineFixture.JSON,
            engine.hub,
            Duration.ofSeconds(3),
            500,
            engine.nanos::get);
    final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    final UUID workspace = UUID.randomUUID();
    final UUID otherWorkspace = UUID.randomUUID();
    final UUID general = UUID.randomUUID();
    final UUID secret = UUID.randomUUID();
    final UUID ada = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final UUID eve = UUID.randomUUID();

    FakeSocket connect(UUID user, Set<UUID> workspaces, UUID... channels) {
        List<ChannelMembership> memberships = java.util.Arrays.stream(channels)
                .map(c -> new ChannelMembership(c, workspace, c.equals(secret), 3))
                .toList();
        engine.snapshot(user, new MembershipSnapshot(workspaces, memberships, Set.of()));
        return engine.ready(user);
    }

    <T> void publish(EventType<T> type, String subject, T payload) {
        router.route(EngineFixture.JSON.writeValueAsString(
                EventEnvelope.of(type, "/test", subject, null, payload, engine.clock.instant())));
    }

    MessagePayload message(UUID channelId, String content) {
        return Payloads.message(channelId, workspace, ada, 1, content);
    }

    ChannelMemberChanged member(UUID channelId, UUID userId, boolean isPrivate) {
        return Payloads.channelMember(channelId, workspace, userId, isPrivate);
    }

    @Test
    void channelEventsReachMembersOnlyPublicOrPrivate() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace), general, secret);
        FakeSocket bobSocket = connect(bob, Set.of(workspace), general);
        FakeSocket eveSocket = connect(eve, Set.of(workspace));
        publish(MessageEvents.CREATED, "m", message(general, "hello #general"));
        publish(MessageEvents.CREATED, "m", message(secret, "psst"));
        assertThat(adaSocket.events("message.created")).hasSize(2);
        assertThat(bobSocket.events("message.created"))
                .singleElement()
                .satisfies(
                        e -> assertThat(e.path("d").path("content").asString()).isEqualTo("hello #general"));
        // eve is in the workspace and may see #general, but is not a member: no messages
        assertThat(eveSocket.events()).isEmpty();
    }

    @Test
    void removalStopsDeliveryAndTheRemovedMemberLearnsOfIt() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace), secret);
        FakeSocket bobSocket = connect(bob, Set.of(workspace), secret);
        publish(ChannelEvents.MEMBER_REMOVED, secret.toString(), member(secret, bob, true));
        publish(MessageEvents.CREATED, "m", message(secret, "after bob left"));
        assertThat(bobSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactly("channel.member.removed");
        assertThat(adaSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactly("channel.member.removed", "message.created");
        publish(ChannelEvents.MEMBER_ADDED, secret.toString(), member(secret, bob, true));
        publish(MessageEvents.CREATED, "m", message(secret, "welcome back"));
        assertThat(bobSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactly("channel.member.removed", "channel.member.added", "message.created");
    }

    /**
     * Another consumer thread routing a post in the channel at the moment the client has an event of this type
     * (S20): the post is routed from inside that event's write to the socket.
     */
    void postTheMomentItArrives(FakeSocket socket, String eventType, UUID channelId) {
        socket.onReceived(frame -> {
            if (frame.contains(eventType)) {
                publish(MessageEvents.CREATED, "m", message(channelId, "right after the removal"));
            }
        });
    }

    @Test
    void noEventRoutedAfterTheRemovedMemberHadTheRemovalReachesThem() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace), secret);
        FakeSocket bobSocket = connect(bob, Set.of(workspace), secret);
        postTheMomentItArrives(bobSocket, "channel.member.removed", secret);
        publish(ChannelEvents.MEMBER_REMOVED, secret.toString(), member(secret, bob, true));
        assertThat(bobSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactly("channel.member.removed");
        assertThat(adaSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactlyInAnyOrder("channel.member.removed", "message.created");
    }

    @Test
    void noEventRoutedAfterTheUserLeftTheWorkspaceReachesThemFromItsChannels() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace), general);
        FakeSocket bobSocket = connect(bob, Set.of(workspace), general);
        postTheMomentItArrives(bobSocket, "workspace.member.removed", general);
        publish(
                WorkspaceEvents.MEMBER_REMOVED,
                workspace.toString(),
                new WorkspaceMemberChanged(workspace, bob, UUID.randomUUID(), 2, WorkspaceRole.MEMBER, null, now, now));
        assertThat(bobSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactly("workspace.member.removed");
        assertThat(adaSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactlyInAnyOrder("workspace.member.removed", "message.created");
    }

    @Test
    void leavingTheWorkspaceStopsItsChannels() {
        FakeSocket bobSocket = connect(bob, Set.of(workspace), general);
        publish(
                WorkspaceEvents.MEMBER_REMOVED,
                workspace.toString(),
                new WorkspaceMemberChanged(workspace, bob, UUID.randomUUID(), 2, WorkspaceRole.MEMBER, null, now, now));
        publish(MessageEvents.CREATED, "m", message(general, "gone"));
        assertThat(bobSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactly("workspace.member.removed");
    }

    @Test
    void publicChannelLifecycleReachesTheWorkspacePrivateOnlyItsMembers() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace), secret);
        FakeSocket eveSocket = connect(eve, Set.of(workspace));
        FakeSocket outsider = connect(bob, Set.of(otherWorkspace));
        UUID fresh = UUID.randomUUID();
        publish(ChannelEvents.CREATED, fresh.toString(), channel(fresh, false));
        publish(ChannelEvents.UPDATED, secret.toString(), channel(secret, true));
        assertThat(eveSocket.events())
                .extracting(e -> e.path("d").path("channelId").asString())
                .containsExactly(fresh.toString());
        assertThat(adaSocket.events()).hasSize(2);
        assertThat(outsider.events()).isEmpty();
        publish(ChannelEvents.DELETED, secret.toString(), new ChannelDeleted(secret, workspace, "design", true, now));
        publish(MessageEvents.CREATED, "m", message(secret, "into the void"));
        assertThat(adaSocket.events("channel.deleted")).hasSize(1);
        assertThat(adaSocket.events("message.created")).isEmpty();
        assertThat(eveSocket.events("channel.deleted")).isEmpty();
    }

    @Test
    void aPrivateChannelsCreationReachesItsCreatorBeforeTheirMembershipAndNobodyElse() {
        FakeSocket creatorsLaptop = connect(ada, Set.of(workspace));
        FakeSocket creatorsPhone = connect(ada, Set.of(workspace));
        FakeSocket coMember = connect(eve, Set.of(workspace));
        UUID fresh = UUID.randomUUID();

        publish(ChannelEvents.CREATED, fresh.toString(), channel(fresh, true));

        for (FakeSocket device : List.of(creatorsLaptop, creatorsPhone)) {
            assertThat(device.events("channel.created"))
                    .singleElement()
                    .satisfies(e ->
                            assertThat(e.path("d").path("channelId").asString()).isEqualTo(fresh.toString()));
        }
        assertThat(coMember.events()).isEmpty();
    }

    ChannelChanged channel(UUID id, boolean isPrivate) {
        return new ChannelChanged(id, workspace, "c", null, null, ChannelType.TEXT, isPrivate, false, 1, ada, now, now);
    }

    @Test
    void dmEventsReachTheTwoParticipantsWithoutTheRoutingField() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace));
        FakeSocket bobSocket = connect(bob, Set.of(workspace));
        FakeSocket eveSocket = connect(eve, Set.of(workspace));
        UUID conversation = UUID.randomUUID();
        DirectMessagePayload dm = Payloads.directMessage(conversation, ada, bob, "hi bob");
        publish(DmEvents.MESSAGE_CREATED, conversation.toString(), dm);
        publish(
                DmEvents.MESSAGE_READ,
                conversation.toString(),
                new MessagesRead(conversation, bob, dm.id(), 1, now, List.of(ada, bob)));
        assertThat(bobSocket.events("dm.message.created")).singleElement().satisfies(e -> {
            assertThat(e.path("d").path("content").asString()).isEqualTo("hi bob");
            assertThat(e.path("d").has("participantIds")).isFalse();
        });
        assertThat(adaSocket.events())
                .extracting(e -> e.path("t").asString())
                .containsExactly("dm.message.created", "dm.message.read");
        assertThat(eveSocket.events()).isEmpty();
    }

    @Test
    void presenceReachesFanOutCoMembersSubscribersWhoMaySeeItAndNobodyElse() {
        FakeSocket bobSocket = connect(bob, Set.of(workspace));
        FakeSocket eveSocket = connect(eve, Set.of(otherWorkspace));
        FakeSocket adaSocket = connect(ada, Set.of(workspace));
        String subscribe = "{\"op\":\"PRESENCE_SUBSCRIBE\",\"d\":{\"userIds\":[\"" + ada + "\"]}}";
        eveSocket.send(subscribe);
        // small workspace: co-members get it without asking; eve subscribed but shares nothing with ada
        publish(PresenceEvents.UPDATED, ada.toString(), presence(List.of(workspace), List.of(workspace)));
        assertThat(bobSocket.events("presence.updated")).singleElement().satisfies(e -> {
            assertThat(e.has("s")).isFalse();
            assertThat(e.path("d").path("status").asString()).isEqualTo("ONLINE");
            assertThat(e.path("d").has("workspaceIds")).isFalse();
            assertThat(e.path("d").has("fanOutWorkspaceIds")).isFalse();
        });
        assertThat(adaSocket.events("presence.updated")).hasSize(1);
        assertThat(eveSocket.events()).isEmpty();
        // large workspace: only subscribers who share it
        publish(PresenceEvents.UPDATED, ada.toString(), presence(List.of(workspace), List.of()));
        assertThat(bobSocket.events("presence.updated")).hasSize(1);
        bobSocket.send(subscribe);
        publish(PresenceEvents.UPDATED, ada.toString(), presence(List.of(workspace), List.of()));
        assertThat(bobSocket.events("presence.updated")).hasSize(2);
        // a DM partner may subscribe too
        publish(
                DmEvents.CONVERSATION_CREATED,
                "c",
                new ConversationPayload(UUID.randomUUID(), ada, eve, List.of(ada, eve), now));
        publish(PresenceEvents.UPDATED, ada.toString(), presence(List.of(workspace), List.of()));
        assertThat(eveSocket.events("presence.updated")).hasSize(1);
    }

    PresenceUpdated presence(List<UUID> workspaces, List<UUID> fanOut) {
        return new PresenceUpdated(ada, PresenceStatus.ONLINE, null, now, workspaces, fanOut);
    }

    @Test
    void typingReachesTheOtherMembersOncePerWindow() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace), general);
        FakeSocket bobSocket = connect(bob, Set.of(workspace), general);
        FakeSocket eveSocket = connect(eve, Set.of(workspace));
        TypingStarted typing = new TypingStarted(general, workspace, ada, now);
        publish(TypingEvents.STARTED, general.toString(), typing);
        publish(TypingEvents.STARTED, general.toString(), typing); // a second instance's copy, or a repeat
        assertThat(bobSocket.events("typing.started")).hasSize(1);
        assertThat(adaSocket.events()).isEmpty();
        assertThat(eveSocket.events()).isEmpty();
        engine.advance(Duration.ofSeconds(3));
        publish(TypingEvents.STARTED, general.toString(), typing);
        assertThat(bobSocket.events("typing.started")).hasSize(2);
    }

    @Test
    void userUpdatesReachCoMembersAndTheUser() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace));
        FakeSocket bobSocket = connect(bob, Set.of(workspace));
        FakeSocket eveSocket = connect(eve, Set.of(otherWorkspace));
        publish(UserEvents.UPDATED, ada.toString(), new UserUpdated(ada, "ada", "Ada K", null, null, now));
        assertThat(adaSocket.events("user.updated")).hasSize(1);
        assertThat(bobSocket.events("user.updated")).hasSize(1);
        assertThat(eveSocket.events()).isEmpty();
        // a user not connected here: their workspaces as presence last told
        UUID carol = UUID.randomUUID();
        publish(
                PresenceEvents.UPDATED,
                carol.toString(),
                new PresenceUpdated(carol, PresenceStatus.OFFLINE, null, now, List.of(otherWorkspace), List.of()));
        publish(UserEvents.UPDATED, carol.toString(), new UserUpdated(carol, "carol", "Carol", null, null, now));
        assertThat(eveSocket.events("user.updated")).hasSize(1);
        assertThat(bobSocket.events("user.updated")).hasSize(1);
    }

    @Test
    void banAndRevocationCloseSockets4003() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace));
        FakeSocket bobSocket = connect(bob, Set.of(workspace));
        publish(UserEvents.BANNED, ada.toString(), new UserBanned(ada, "spam", engine.clock.instant()));
        assertThat(adaSocket.closeCode).isEqualTo(CloseCodes.REVOKED);
        UUID bobSid = engine.hub.sessions().ofUser(bob).iterator().next().tokenSessionId();
        publish(
                UserEvents.SESSION_REVOKED,
                bob.toString(),
                new SessionRevoked(bob, bobSid, RevocationReason.LOGOUT, engine.clock.instant()));
        assertThat(bobSocket.closeCode).isEqualTo(CloseCodes.REVOKED);
    }

    @Test
    void recordsThatAreNotReadableEventsOfTheirTypeAreRefusedAndChangeNothing() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace), general);
        for (String poison : List.of(
                "not json",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"message.created\",\"data\":{\"channelId\":\"nope\"}}",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"message.created\",\"data\":[]}",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"channel.member.removed\",\"data\":{\"channelId\":\""
                        + general + "\"}}")) {
            assertThatThrownBy(() -> router.route(poison)).isInstanceOf(MalformedEventException.class);
        }
        publish(MessageEvents.CREATED, "m", message(general, "still flowing"));
        assertThat(adaSocket.events())
                .extracting(e -> e.path("d").path("content").asString())
                .containsExactly("still flowing");
    }

    @Test
    void typesNobodyIsShownAreIgnored() {
        FakeSocket adaSocket = connect(ada, Set.of(workspace), general);
        publish(ChannelEvents.MEMBER_UPDATED, general.toString(), member(general, ada, false));
        router.route("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"search.indexed\",\"data\":{}}");
        assertThat(adaSocket.events()).isEmpty();
    }
}
