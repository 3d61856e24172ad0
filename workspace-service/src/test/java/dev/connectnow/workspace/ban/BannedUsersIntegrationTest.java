package dev.connectnow.workspace.ban;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static dev.connectnow.workspace.Api.newUser;
import static dev.connectnow.workspace.Api.path;
import static dev.connectnow.workspace.Api.uniqueSlug;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserRegistered;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestEvents;
import dev.connectnow.workspace.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The banned_user projection fed from connectnow.user: bans close create and join; the same event twice
 * has one effect (R3); late or out-of-order events do not undo newer state; garbage does not stop the flow.
 * Events are published here as auth-service's outbox would (TestEvents: the envelope JSON, keyed by user id).
 */
@ServiceIntegrationTest
class BannedUsersIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aBannedUserCannotCreateOrJoinButKeepsExistingMemberships() {
        UUID owner = newUser();
        UUID banned = newUser();
        JsonNode open = api.createWorkspace(owner, true);
        JsonNode closed = api.createWorkspace(owner, false);
        JsonNode alreadyIn = api.createWorkspace(owner, false);
        api.addMember(alreadyIn, banned, "MEMBER");

        publishAndAwait(banEvent(banned, Instant.now()));

        assertProblem(
                api.as(banned)
                        .post(
                                "/api/workspaces",
                                Map.of("name", "Mine", "slug", uniqueSlug("banned"), "isPublic", true)),
                403);
        assertProblem(api.as(banned).post(path(open) + "/join", null), 403);
        assertProblem(
                api.as(banned)
                        .post(
                                "/api/workspaces/join",
                                Map.of("inviteCode", closed.get("inviteCode").asString())),
                403);
        assertProblem(api.as(banned).post(path(closed) + "/join", null), 404); // still hidden, not 403
        assertThat(memberCount(open)).isEqualTo(1);
        assertThat(memberCount(closed)).isEqualTo(1);
        assertThat(api.as(banned).get(path(alreadyIn)).status()).isEqualTo(200);
        assertThat(api.as(newUser())
                        .post("/api/workspaces", Map.of("name", "Fine", "slug", uniqueSlug("fine"), "isPublic", true))
                        .status())
                .isEqualTo(201);

        publishAndAwait(unbanEvent(banned, Instant.now()));
        assertThat(api.as(banned).post(path(open) + "/join", null).status()).isEqualTo(200);
    }

    @Test
    void theSameBanDeliveredTwiceHasOneEffect() {
        UUID user = newUser();
        Instant bannedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        EventEnvelope<UserBanned> ban = banEvent(user, bannedAt);

        publishAndAwait(ban);
        publishAndAwait(unbanEvent(user, bannedAt.plusSeconds(60)));
        // redelivery of the already-applied ban (e.g. the producer re-sent it after a crash)
        TestEvents.send(ban);
        publishAndAwait(registeredEvent(user)); // same key, same partition: the duplicate was handled before it

        assertThat(jdbc.queryForObject(
                        "select count(*) from processed_event where event_id = ?", Integer.class, ban.id()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select banned_at from banned_user where user_id = ?", Instant.class, user))
                .isEqualTo(bannedAt);
        assertThat(api.as(user)
                        .post("/api/workspaces", Map.of("name", "Back", "slug", uniqueSlug("back"), "isPublic", false))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anOlderUnbanDoesNotLiftANewerBanWhateverTheArrivalOrder() {
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        UUID lateUnban = newUser();
        publishAndAwait(banEvent(lateUnban, t0.plusSeconds(10)));
        publishAndAwait(unbanEvent(lateUnban, t0)); // older than the ban: arrives late, changes nothing
        assertProblem(createAs(lateUnban), 403);

        UUID earlyUnban = newUser();
        publishAndAwait(unbanEvent(earlyUnban, t0.plusSeconds(10))); // the newer unban overtook the ban
        publishAndAwait(banEvent(earlyUnban, t0));
        assertThat(createAs(earlyUnban).status()).isEqualTo(201);

        UUID rebanned = newUser();
        publishAndAwait(banEvent(rebanned, t0));
        publishAndAwait(unbanEvent(rebanned, t0.plusSeconds(5)));
        publishAndAwait(banEvent(rebanned, t0.plusSeconds(9)));
        assertProblem(createAs(rebanned), 403);
    }

    @Test
    void unreadableRecordsAreSkippedAndTheTopicKeepsFlowing() {
        UUID user = newUser();
        String malformed = "{\"id\":\"" + UuidV7.next() + "\",\"type\":\"user.banned\","
                + "\"source\":\"/auth-service\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"userId\":\"nope\"}}";
        try (EventCollector deadLetters = EventCollector.deadLettersOf(Topics.USER)) {
            TestEvents.sendRaw(Topics.USER, user.toString(), "this is not an event");
            TestEvents.sendRaw(Topics.USER, user.toString(), malformed);

            publishAndAwait(banEvent(user, Instant.now()));

            assertProblem(createAs(user), 403);
            assertThat(deadLetters.await(r -> r.key().equals(user.toString()), 2, Await.DEFAULT_TIMEOUT))
                    .extracting(EventCollector.Received::value)
                    .containsExactlyInAnyOrder("this is not an event", malformed);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private Response createAs(UUID user) {
        return api.as(user).post("/api/workspaces", Map.of("name", "Try", "slug", uniqueSlug("try"), "isPublic", true));
    }

    private static EventEnvelope<UserBanned> banEvent(UUID user, Instant at) {
        return envelope(UserEvents.BANNED, user, new UserBanned(user, "spam", at));
    }

    private static EventEnvelope<UserUnbanned> unbanEvent(UUID user, Instant at) {
        return envelope(UserEvents.UNBANNED, user, new UserUnbanned(user, at));
    }

    private static EventEnvelope<UserRegistered> registeredEvent(UUID user) {
        return envelope(
                UserEvents.REGISTERED, user, new UserRegistered(user, "someone", "Someone", null, Instant.now()));
    }

    private static <T> EventEnvelope<T> envelope(EventType<T> type, UUID user, T data) {
        return EventEnvelope.of(type, "/auth-service", user.toString(), null, data);
    }

    /**
     * Publishes as auth-service would (keyed by user id) and waits until the consumer has handled the event.
     * Types the service ignores leave no trace, so for those we wait on a marker sent right after on the same
     * partition: an unban dated 1970, which changes no answer (only the latest unban time counts, and it
     * never beats a real ban).
     */
    private void publishAndAwait(EventEnvelope<?> event) {
        TestEvents.send(event);
        EventEnvelope<?> marker = event.type().equals(UserEvents.REGISTERED.name())
                ? unbanEvent(UUID.fromString(event.subject()), Instant.EPOCH)
                : event;
        if (marker != event) {
            TestEvents.send(marker);
        }
        Await.until(
                "the consumer processed " + event.type() + " " + event.id(),
                () -> jdbc.queryForObject(
                                "select count(*) from processed_event where event_id = ?", Integer.class, marker.id())
                        == 1);
    }

    private int memberCount(JsonNode ws) {
        return jdbc.queryForObject(
                "select count(*) from workspace_members where workspace_id = ?::uuid",
                Integer.class,
                ws.get("id").asString());
    }
}
