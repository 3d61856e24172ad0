package dev.connectnow.dm.consumer;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.dm.support.DmIntegrationTest;
import dev.connectnow.dm.support.UserFeed;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.RevocationReason;
import dev.connectnow.events.user.UserEvents.SessionRevoked;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventContracts;
import dev.connectnow.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user projection fed from connectnow.user: the golden contract documents through the real listener,
 * profiles shown as otherUser, bans that close conversations, one effect per event however often it arrives
 * (R3), newer state never undone by late events, and unreadable records parked on the dead-letter topic while
 * the partition keeps flowing (R4).
 */
class UserProjectionTest extends DmIntegrationTest {

    private Response startWith(UUID me, UUID other) {
        return api(me).post("/api/dm/conversations", Map.of("userId", other));
    }

    /** The golden document of a type as a new event (the four golden user documents share one event id). */
    private void sendGoldenAsNewEvent(EventType<?> type) {
        ObjectNode event = EventContracts.goldenTree(type);
        UUID id = UuidV7.next();
        event.put("id", id.toString());
        TestEvents.send(event);
        users().awaitProcessed(id);
    }

    @Test
    void theGoldenUserEventsDriveProfilesAndBans() {
        UUID me = users().register();
        UUID ada = UUID.fromString(EventContracts.goldenTree(UserEvents.REGISTERED)
                .at("/data/userId")
                .asString());

        sendGoldenAsNewEvent(UserEvents.REGISTERED);
        Response conversation = startWith(me, ada);
        assertThat(conversation.status()).as("%s", conversation).isEqualTo(201);
        assertThat(conversation.text("/otherUser/username")).isEqualTo("ada");
        assertThat(conversation.text("/otherUser/displayName")).isEqualTo("Ada Lovelace");
        assertThat(conversation.text("/otherUser/avatarUrl")).isEqualTo("https://cdn.example.com/ada.png");
        String messages = "/api/dm/conversations/" + conversation.text("id") + "/messages";

        sendGoldenAsNewEvent(UserEvents.UPDATED);
        Response updated = api(me).get("/api/dm/conversations/" + conversation.text("id"));
        assertThat(updated.text("/otherUser/displayName")).isEqualTo("Ada King");
        assertThat(updated.text("/otherUser/avatarUrl")).isNull();

        sendGoldenAsNewEvent(UserEvents.BANNED);
        assertProblem(api(me).post(messages, Map.of("content", "hello?")), 403);

        // the golden unban carries the ban's own instant: on a tie the ban stands
        sendGoldenAsNewEvent(UserEvents.UNBANNED);
        assertProblem(api(me).post(messages, Map.of("content", "hello?")), 403);
        users().unban(ada);
        assertThat(api(me).post(messages, Map.of("content", "welcome back")).status())
                .isEqualTo(201);
    }

    @Test
    void theOtherUserShowsTheNewestProfileWhateverTheArrivalOrder() {
        UUID me = users().register();
        UUID other = UuidV7.next();
        Instant t0 = UserFeed.now().minusSeconds(60);
        users().publishAndAwait(UserFeed.updated(other, "renamed", "New Name", t0.plusSeconds(30)));
        users().publishAndAwait(UserFeed.registered(other, "original", t0)); // older: changes nothing

        Response conversation = startWith(me, other);
        assertThat(conversation.status()).isEqualTo(201);
        assertThat(conversation.text("/otherUser/username")).isEqualTo("renamed");
        assertThat(conversation.text("/otherUser/displayName")).isEqualTo("New Name");
        assertThat(conversation.text("/otherUser/avatarUrl")).isNull();

        users().publishAndAwait(UserFeed.updated(other, "renamed-again", "Newest", t0.plusSeconds(45)));
        assertThat(api(me).get("/api/dm/conversations")
                        .json()
                        .at("/items/0/otherUser/username")
                        .asString())
                .isEqualTo("renamed-again");
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        UUID me = users().register();
        UUID other = users().register();
        Instant t0 = UserFeed.now();
        EventEnvelope<UserEvents.UserBanned> ban = UserFeed.banned(other, t0);
        users().publishAndAwait(ban);
        users().publishAndAwait(UserFeed.unbanned(other, t0.plusSeconds(1)));
        TestEvents.send(ban); // redelivered after the unban, e.g. a consumer group reset to earliest
        users().publishAndAwait(UserFeed.updated(other, "after", "After", t0.plusSeconds(2)));

        assertThat(jdbc.queryForObject(
                        "select count(*) from processed_event where event_id = ?", Integer.class, ban.id()))
                .isEqualTo(1);
        assertThat(startWith(me, other).status()).isEqualTo(201);
    }

    @Test
    void anOlderUnbanDoesNotLiftANewerBan() {
        UUID me = users().register();
        List<UUID> others = users().registerAll(2);
        Instant t0 = UserFeed.now().minusSeconds(600);

        UUID lateUnban = others.get(0);
        users().publishAndAwait(UserFeed.banned(lateUnban, t0.plusSeconds(10)));
        users().publishAndAwait(UserFeed.unbanned(lateUnban, t0));
        assertProblem(startWith(me, lateUnban), 403);

        UUID earlyUnban = others.get(1);
        users().publishAndAwait(UserFeed.unbanned(earlyUnban, t0.plusSeconds(10)));
        users().publishAndAwait(UserFeed.banned(earlyUnban, t0));
        assertThat(startWith(me, earlyUnban).status()).isEqualTo(201);

        UUID banOnly = UuidV7.next();
        users().publishAndAwait(UserFeed.banned(banOnly, t0));
        assertProblem(startWith(me, banOnly), 404); // a ban alone does not make a user known
    }

    @Test
    void sessionRevocationsAndUnknownTypesAreSkipped() {
        UUID user = users().register();
        EventEnvelope<SessionRevoked> revoked = EventEnvelope.of(
                UserEvents.SESSION_REVOKED,
                "/auth-service",
                user.toString(),
                null,
                new SessionRevoked(user, UuidV7.next(), RevocationReason.LOGOUT, Instant.now()));
        TestEvents.send(revoked);
        UUID unknown = UuidV7.next();
        TestEvents.sendRaw(
                Topics.USER,
                user.toString(),
                "{\"specversion\":\"1.0\",\"id\":\"" + unknown + "\",\"type\":\"user.promoted\","
                        + "\"source\":\"/auth-service\",\"data\":{\"userId\":\"" + user + "\"}}");
        // same key, same partition: once this one is applied the two before it have been consumed
        users().publishAndAwait(UserFeed.updated(user, "still-here", "Still", UserFeed.now()));

        assertThat(jdbc.queryForObject(
                        "select count(*) from processed_event where event_id in (?, ?)",
                        Integer.class,
                        revoked.id(),
                        unknown))
                .as("skipped, not applied")
                .isZero();
        assertThat(jdbc.queryForObject("select username from users where id = ?", String.class, user))
                .isEqualTo("still-here");
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheFlowContinues() {
        UUID me = users().register();
        UUID user = users().register();
        String garbage = "this is not an event " + UuidV7.next();
        String broken = "{\"id\":\"" + UuidV7.next() + "\",\"type\":\"user.banned\",\"source\":\"/auth-service\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"userId\":\"nope\"}}";
        String noUser = "{\"id\":\"" + UuidV7.next() + "\",\"type\":\"user.banned\",\"source\":\"/auth-service\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"reason\":\"spam\"}}";
        try (EventCollector deadLetters = EventCollector.deadLettersOf(Topics.USER)) {
            TestEvents.sendRaw(Topics.USER, user.toString(), garbage);
            TestEvents.sendRaw(Topics.USER, user.toString(), broken);
            TestEvents.sendRaw(Topics.USER, user.toString(), noUser);
            users().ban(user); // same key, same partition: behind the bad records

            assertProblem(startWith(me, user), 403);
            List<String> parked = List.of(garbage, broken, noUser);
            assertThat(deadLetters.await(r -> parked.contains(r.value()), 3, Duration.ofSeconds(30)))
                    .extracting(EventCollector.Received::value)
                    .containsExactlyInAnyOrderElementsOf(parked);
        }
    }
}
