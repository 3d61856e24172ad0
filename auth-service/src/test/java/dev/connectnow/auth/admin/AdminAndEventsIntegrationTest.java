package dev.connectnow.auth.admin;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.auth.support.Accounts;
import dev.connectnow.auth.support.Accounts.Account;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Platform admin actions (ban/unban: S4, S10, "ban revokes sessions") and the events auth-service
 * publishes through its outbox: the documented envelope, keyed by user id, each exactly once; plus R6
 * (outbox rows committed out of id order are all published).
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "connectnow.auth.admins=RootAdmin, 00000000-0000-0000-0000-000000000000")
class AdminAndEventsIntegrationTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(2);

    static EventCollector events;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OutboxPublisher outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    Accounts accounts;
    ApiClient api;

    @BeforeAll
    static void listen() {
        events = new EventCollector(Topics.USER);
    }

    @AfterAll
    static void stopListening() {
        events.close();
    }

    @BeforeEach
    void setUp() {
        accounts = new Accounts(port);
        api = accounts.api();
    }

    @Test
    void banRevokesEverySessionAndBlocksSignInUntilUnbanned() {
        Account admin = adminAccount();
        Account target = accounts.register();
        Account targetPhone = accounts.login(target, "Phone", "198.51.100.9");
        ApiClient asAdmin = api.as(admin.accessToken());

        assertThat(asAdmin.post("/api/admin/users/" + target.id() + "/ban", Map.of("reason", "spam"))
                        .status())
                .isEqualTo(204);

        for (Account device : List.of(target, targetPhone)) {
            assertProblem(api.as(device.accessToken()).get("/api/users/me"), 401);
            assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", device.refreshToken())), 401);
        }
        JsonNode refused = assertProblem(
                api.post("/api/auth/login", Map.of("login", target.username(), "password", target.password())), 403);
        assertThat(refused.get("detail").asString()).containsIgnoringCase("banned");
        Map<String, Object> row =
                jdbc.queryForMap("select is_banned, ban_reason, banned_at from users where id = ?", target.id());
        assertThat(row.get("is_banned")).isEqualTo(true);
        assertThat(row.get("ban_reason")).isEqualTo("spam");
        assertThat(row.get("banned_at")).isNotNull();
        assertThat(jdbc.queryForList("select revoke_reason from sessions where user_id = ?", String.class, target.id()))
                .containsOnly("banned");
        // the wrong password still gets the ordinary 401: the ban is only revealed to the account holder
        assertProblem(api.post("/api/auth/login", Map.of("login", target.username(), "password", "wrong one")), 401);

        // banning again changes nothing (and publishes nothing: checked below)
        assertThat(asAdmin.post("/api/admin/users/" + target.id() + "/ban", null)
                        .status())
                .isEqualTo(204);

        assertThat(asAdmin.post("/api/admin/users/" + target.id() + "/unban", null)
                        .status())
                .isEqualTo(204);
        assertThat(asAdmin.post("/api/admin/users/" + target.id() + "/unban", null)
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/auth/login", Map.of("login", target.username(), "password", target.password()))
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("select is_banned from users where id = ?", Boolean.class, target.id()))
                .isFalse();

        List<EventCollector.Received> banned = events.await(r -> r.is("user.banned", target.id()), 1, ARRIVAL);
        List<EventCollector.Received> unbanned = events.await(r -> r.is("user.unbanned", target.id()), 1, ARRIVAL);
        assertThat(banned).hasSize(1);
        assertThat(unbanned).hasSize(1);
        assertThat(banned.get(0).data().get("reason").asString()).isEqualTo("spam");
        assertThat(banned.get(0).data().get("userId").asString())
                .isEqualTo(target.id().toString());
        assertThat(banned.get(0).data().hasNonNull("bannedAt")).isTrue();
        assertThat(unbanned.get(0).data().hasNonNull("unbannedAt")).isTrue();
        assertThat(events.drain(
                        r -> r.subject().equals(target.id().toString())
                                && (r.type().equals("user.banned") || r.type().equals("user.unbanned")),
                        QUIET))
                .hasSize(2);
    }

    @Test
    void onlyPlatformAdminsMayBan() {
        Account admin = adminAccount();
        Account member = accounts.register();
        Account target = accounts.register();

        assertProblem(
                api.as(member.accessToken()).post("/api/admin/users/" + target.id() + "/ban", Map.of("reason", "no")),
                403);
        assertProblem(api.as(member.accessToken()).post("/api/admin/users/" + target.id() + "/unban", null), 403);
        assertProblem(api.post("/api/admin/users/" + target.id() + "/ban", null), 401);
        assertThat(jdbc.queryForObject("select is_banned from users where id = ?", Boolean.class, target.id()))
                .isFalse();
        assertThat(api.as(target.accessToken()).get("/api/users/me").status()).isEqualTo(200);

        ApiClient asAdmin = api.as(admin.accessToken());
        assertProblem(asAdmin.post("/api/admin/users/" + UUID.randomUUID() + "/ban", null), 404);
        assertProblem(asAdmin.post("/api/admin/users/" + admin.id() + "/ban", null), 409);
        assertFieldErrors(
                asAdmin.post("/api/admin/users/" + target.id() + "/ban", Map.of("reason", "r".repeat(501))), "reason");
        assertFieldErrors(
                asAdmin.post("/api/admin/users/" + target.id() + "/ban", Map.of("isBanned", false)), "isBanned");
        assertThat(jdbc.queryForObject("select is_banned from users where id = ?", Boolean.class, target.id()))
                .isFalse();
    }

    @Test
    void registrationAndProfileChangesArePublishedOnceWithTheDocumentedEnvelope() {
        Account account = accounts.register();
        ApiClient me = api.as(account.accessToken());
        assertThat(me.patch("/api/users/me", Map.of("displayName", "Renamed", "bio", "hi"))
                        .status())
                .isEqualTo(200);
        assertThat(me.patch("/api/users/me", Map.of("displayName", "Renamed")).status())
                .isEqualTo(200); // no change

        EventCollector.Received registered = events.await(r -> r.is("user.registered", account.id()), 1, ARRIVAL)
                .get(0);
        assertEnvelope(registered, "user.registered", account.id());
        assertThat(registered.data().get("userId").asString())
                .isEqualTo(account.id().toString());
        assertThat(registered.data().get("username").asString()).isEqualTo(account.username());
        assertThat(registered.data().get("displayName").asString()).isEqualTo("User " + account.username());
        assertThat(registered.data().hasNonNull("createdAt")).isTrue();

        EventCollector.Received updated = events.await(r -> r.is("user.updated", account.id()), 1, ARRIVAL)
                .get(0);
        assertEnvelope(updated, "user.updated", account.id());
        assertThat(updated.data().get("displayName").asString()).isEqualTo("Renamed");
        assertThat(updated.data().get("bio").asString()).isEqualTo("hi");

        for (EventCollector.Received event : List.of(registered, updated)) {
            assertThat(event.value())
                    .doesNotContain(account.email())
                    .doesNotContain("@")
                    .doesNotContainIgnoringCase("password")
                    .doesNotContain("argon2");
        }
        Predicate<EventCollector.Received> mine =
                r -> r.subject().equals(account.id().toString());
        List<EventCollector.Received> all = events.drain(mine, QUIET);
        assertThat(all)
                .extracting(EventCollector.Received::type)
                .containsExactlyInAnyOrder("user.registered", "user.updated");
        assertThat(all).extracting(r -> r.envelope().get("id").asString()).doesNotHaveDuplicates();
    }

    /** {@code session.revoked}: one event per ended session, with the reason, keyed by the user id. */
    @Test
    void everyRevokedSessionIsPublishedOnceWithItsReason() {
        Account admin = adminAccount();
        Account laptop = accounts.register();
        Account loggedOut = accounts.login(laptop, "Old phone", Accounts.freshAddress());
        Account deleted = accounts.login(laptop, "Tablet", Accounts.freshAddress());
        Account replayed = accounts.login(laptop, "Stolen", Accounts.freshAddress());
        Account passwordChanged = accounts.login(laptop, "Desktop", Accounts.freshAddress());

        assertThat(api.as(loggedOut.accessToken())
                        .post("/api/auth/logout", null)
                        .status())
                .isEqualTo(204);
        ApiClient me = api.as(laptop.accessToken());
        assertThat(me.delete("/api/auth/sessions/" + deleted.sessionId()).status())
                .isEqualTo(204);
        assertThat(me.delete("/api/auth/sessions/" + deleted.sessionId()).status())
                .as("idempotent, and no second event")
                .isEqualTo(204);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", replayed.refreshToken()))
                        .status())
                .isEqualTo(200);
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", replayed.refreshToken())), 401);
        String newPassword = "an even better passphrase 7";
        assertThat(me.put(
                                "/api/users/me/password",
                                Map.of("currentPassword", laptop.password(), "newPassword", newPassword))
                        .status())
                .isEqualTo(204);
        Account afterChange = accounts.login(
                new Account(laptop.id(), laptop.username(), laptop.email(), newPassword, null, null, null),
                "Phone",
                Accounts.freshAddress());
        assertThat(api.as(admin.accessToken())
                        .post("/api/admin/users/" + laptop.id() + "/ban", null)
                        .status())
                .isEqualTo(204);

        Map<String, String> expected = Map.of(
                loggedOut.sessionId().toString(), "LOGOUT",
                deleted.sessionId().toString(), "REVOKED_BY_USER",
                replayed.sessionId().toString(), "REFRESH_TOKEN_REUSED",
                passwordChanged.sessionId().toString(), "PASSWORD_CHANGED",
                laptop.sessionId().toString(), "BANNED",
                afterChange.sessionId().toString(), "BANNED");
        Predicate<EventCollector.Received> revocations = r -> r.is("session.revoked", laptop.id());
        events.await(revocations, expected.size(), ARRIVAL);
        List<EventCollector.Received> published = events.drain(revocations, QUIET);
        assertThat(published).hasSize(expected.size());
        for (EventCollector.Received event : published) {
            assertEnvelope(event, "session.revoked", laptop.id());
            JsonNode data = event.data();
            assertThat(data.get("userId").asString()).isEqualTo(laptop.id().toString());
            assertThat(data.get("reason").asString())
                    .as("reason of session %s", data.get("sessionId"))
                    .isEqualTo(expected.get(data.get("sessionId").asString()));
            assertThat(Instant.parse(data.get("revokedAt").asString()))
                    .isBefore(Instant.now().plusSeconds(5));
        }
        assertThat(published)
                .extracting(r -> r.data().get("sessionId").asString())
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    /** R6: ids are taken at insert, commits happen in another order; the relay must not skip the laggard. */
    @Test
    void outboxRowsCommittedOutOfIdOrderAreAllPublished() {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        TransactionTemplate outer = new TransactionTemplate(transactionManager);
        TransactionTemplate inner = new TransactionTemplate(transactionManager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        AtomicLong earlyId = new AtomicLong();
        AtomicLong lateId = new AtomicLong();

        outer.executeWithoutResult(status -> {
            EventEnvelope<?> first = outbox.publish(UserEvents.UPDATED, early, payload(early));
            earlyId.set(outboxId(first));
            inner.executeWithoutResult(
                    s -> lateId.set(outboxId(outbox.publish(UserEvents.UPDATED, late, payload(late)))));
            assertThat(lateId.get()).isGreaterThan(earlyId.get());

            // the later id commits first and goes out while the earlier transaction is still open
            assertThat(events.await(r -> r.is("user.updated", late), 1, ARRIVAL))
                    .hasSize(1);
            assertThat(events.await(r -> r.is("user.updated", early), 1, Duration.ofMillis(500)))
                    .isEmpty();
        });

        assertThat(events.await(r -> r.is("user.updated", early), 1, ARRIVAL)).hasSize(1);
        assertThat(events.drain(
                        r -> r.subject().equals(early.toString()) || r.subject().equals(late.toString()), QUIET))
                .hasSize(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where id in (?, ?)",
                        Integer.class,
                        earlyId.get(),
                        lateId.get()))
                .isZero();
    }

    // ---------------------------------------------------------------- helpers

    private Account adminAccount() {
        Integer exists = jdbc.queryForObject("select count(*) from users where username = 'rootadmin'", Integer.class);
        if (exists == 0) {
            return accounts.register("rootadmin");
        }
        return accounts.login(
                new Account(null, "rootadmin", "rootadmin@example.com", Accounts.PASSWORD, null, null, null),
                "Admin console",
                Accounts.freshAddress());
    }

    private long outboxId(EventEnvelope<?> envelope) {
        return jdbc.queryForObject("select id from outbox_event where event_id = ?", Long.class, envelope.id());
    }

    private static UserEvents.UserUpdated payload(UUID userId) {
        return new UserEvents.UserUpdated(
                userId, "r6-" + userId.toString().substring(0, 8), "R6", null, null, Instant.now());
    }

    private static void assertEnvelope(EventCollector.Received event, String type, UUID userId) {
        JsonNode envelope = event.envelope();
        assertThat(event.topic()).isEqualTo(Topics.USER);
        assertThat(event.key()).isEqualTo(userId.toString());
        assertThat(envelope.get("specversion").asString()).isEqualTo("1.0");
        assertThat(UUID.fromString(envelope.get("id").asString())).isNotNull();
        assertThat(envelope.get("type").asString()).isEqualTo(type);
        assertThat(envelope.get("source").asString()).isEqualTo("/auth-service");
        assertThat(Instant.parse(envelope.get("time").asString()))
                .isBefore(Instant.now().plusSeconds(5));
        assertThat(envelope.get("subject").asString()).isEqualTo(userId.toString());
        assertThat(envelope.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(envelope.get("data").isObject()).isTrue();
    }
}
