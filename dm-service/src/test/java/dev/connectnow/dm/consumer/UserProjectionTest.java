package dev.connectnow.dm.consumer;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.dm.support.DmIntegrationTest;
import dev.connectnow.dm.support.UserFeed;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.RevocationReason;
import dev.connectnow.events.user.UserEvents.SessionRevoked;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.EventCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The user projection fed from connectnow.user: profiles shown as otherUser, bans that close conversations,
 * one effect per event however often it arrives (R3), newer state never undone by late events, and
 * unreadable records parked on the dead-letter topic while the partition keeps flowing (R4).
 */
class UserProjectionTest extends DmIntegrationTest {

    private Response startWith(UUID me, UUID other) {
        return api(me).post("/api/dm/conversations", Map.of("userId", other));
    }

    @Test
    void theOtherUserShowsTheNewestProfileWhateverTheArrivalOrder() {
        UUID me = users().register();
        UUID other = UuidV7.next();
        Instant t0 = UserFeed.now().minusSeconds(60);
        users().publishAndAwait(users().updated(other, "renamed", "New Name", t0.plusSeconds(30)));
        users().publishAndAwait(users().registered(other, "original", t0)); // older: changes nothing

        Response conversation = startWith(me, other);
        assertThat(conversation.status()).isEqualTo(201);
        assertThat(conversation.text("/otherUser/username")).isEqualTo("renamed");
        assertThat(conversation.text("/otherUser/displayName")).isEqualTo("New Name");
        assertThat(conversation.text("/otherUser/avatarUrl")).isNull();

        users().publishAndAwait(users().updated(other, "renamed-again", "Newest", t0.plusSeconds(45)));
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
        EventEnvelope<UserEvents.UserBanned> ban = users().banned(other, t0);
        users().publishAndAwait(ban);
        users().publishAndAwait(users().unbanned(other, t0.plusSeconds(1)));
        users().send(ban); // redelivered after the unban, e.g. a consumer group reset to earliest
        users().publishAndAwait(users().updated(other, "after", "After", t0.plusSeconds(2)));

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
        users().publishAndAwait(users().banned(lateUnban, t0.plusSeconds(10)));
        users().publishAndAwait(users().unbanned(lateUnban, t0));
        assertProblem(startWith(me, lateUnban), 403);

        UUID earlyUnban = others.get(1);
        users().publishAndAwait(users().unbanned(earlyUnban, t0.plusSeconds(10)));
        users().publishAndAwait(users().banned(earlyUnban, t0));
        assertThat(startWith(me, earlyUnban).status()).isEqualTo(201);

        UUID banOnly = UuidV7.next();
        users().publishAndAwait(users().banned(banOnly, t0));
        assertProblem(startWith(me, banOnly), 404); // a ban alone does not make a user known
    }

    @Test
    void sessionRevocationsAndUnknownTypesAreAcknowledgedAndIgnored() {
        UUID user = users().register();
        EventEnvelope<SessionRevoked> revoked = EventEnvelope.of(
                UserEvents.SESSION_REVOKED,
                "/auth-service",
                user.toString(),
                null,
                new SessionRevoked(user, UuidV7.next(), RevocationReason.LOGOUT, Instant.now()));
        users().publishAndAwait(revoked);
        UUID unknown = UuidV7.next();
        users().sendRaw(
                        user.toString(),
                        "{\"specversion\":\"1.0\",\"id\":\"" + unknown + "\",\"type\":\"user.promoted\","
                                + "\"source\":\"/auth-service\",\"data\":{\"userId\":\"" + user + "\"}}");
        users().publishAndAwait(users().updated(user, "still-here", "Still", UserFeed.now()));
        assertThat(jdbc.queryForObject(
                        "select count(*) from processed_event where event_id = ?", Integer.class, unknown))
                .isEqualTo(1);
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
        try (EventCollector deadLetters = new EventCollector(Topics.deadLetter(Topics.USER))) {
            users().sendRaw(user.toString(), garbage);
            users().sendRaw(user.toString(), broken);
            users().ban(user); // same key, same partition: behind the two bad records

            assertProblem(startWith(me, user), 403);
            assertThat(deadLetters.await(
                            r -> r.value().equals(garbage) || r.value().equals(broken), 2, Duration.ofSeconds(30)))
                    .extracting(EventCollector.Received::value)
                    .containsExactlyInAnyOrder(garbage, broken);
        }
    }
}
