package dev.connectnow.dm.attachment;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.dm.support.DmIntegrationTest;
import dev.connectnow.dm.support.FakeMessageService;
import dev.connectnow.dm.support.FakeMessageService.Mode;
import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import dev.connectnow.testkit.EventContracts;
import dev.connectnow.testkit.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * dm-service's side of the DM attachment contract against a real HTTP server playing message-service, reached
 * through the same load-balanced client as in production (the service id resolves to the fake by
 * configuration): claimed views travel with the message, refusals are the client's 400 and never trip the
 * breaker, failures and time-outs give 503 + Retry-After, open the breaker (then 503 without calling), and it
 * closes again once message-service is healthy (R9). Also where every event type dm-service publishes is
 * compared with its golden contract document, since only here do messages carry files.
 */
class AttachmentClaimTest extends DmIntegrationTest {

    static final FakeMessageService MESSAGE_SERVICE = new FakeMessageService();

    @DynamicPropertySource
    static void messageService(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.message-service[0].uri", MESSAGE_SERVICE::uri);
        registry.add("connectnow.dm.message-service.sliding-window-size", () -> "4");
        registry.add("connectnow.dm.message-service.minimum-calls", () -> "4");
        registry.add("connectnow.dm.message-service.open-for", () -> "1s");
        // polling a recovering message-service sends more than a person would
        registry.add("connectnow.dm.rate-limit.message-burst", () -> "1000");
    }

    @AfterAll
    static void stopMessageService() {
        MESSAGE_SERVICE.close();
    }

    @Autowired
    Resilience4JCircuitBreakerFactory breakers;

    private CircuitBreaker breaker() {
        return breakers.getCircuitBreakerRegistry().circuitBreaker("message-service");
    }

    @BeforeEach
    void healthy() {
        MESSAGE_SERVICE.mode(Mode.CLAIM);
        breaker().reset();
    }

    private record Pair(UUID a, UUID b, UUID conversation) {}

    private Pair pair() {
        List<UUID> users = users().registerAll(2);
        return new Pair(users.get(0), users.get(1), conversation(users.get(0), users.get(1)));
    }

    private Response sendFiles(UUID sender, UUID conversation, List<UUID> attachmentIds) {
        return api(sender)
                .post(
                        "/api/dm/conversations/" + conversation + "/messages",
                        Map.of("content", "", "type", "IMAGE", "attachmentIds", attachmentIds));
    }

    private int storedMessages(UUID conversation) {
        return jdbc.queryForObject(
                "select count(*) from direct_messages where conversation_id = ?", Integer.class, conversation);
    }

    @Test
    void claimedFilesTravelWithTheMessageUntilItIsDeleted() {
        Pair p = pair();
        UUID first = UuidV7.next();
        UUID second = UuidV7.next();
        String token = TestTokens.accessToken(p.a());
        int before = MESSAGE_SERVICE.received().size();

        try (EventCollector events = new EventCollector(Topics.DM)) {
            Response sent = ApiClient.local(port)
                    .as(token)
                    .post(
                            "/api/dm/conversations/" + p.conversation() + "/messages",
                            Map.of("content", "", "type", "IMAGE", "attachmentIds", List.of(second, first)));
            assertThat(sent.status()).as("%s", sent).isEqualTo(201);
            JsonNode files = sent.json().get("attachments");
            assertThat(files.valueStream().map(f -> f.get("id").asString()))
                    .containsExactly(second.toString(), first.toString());
            assertThat(files.get(0).get("mimeType").asString()).isEqualTo("image/png");
            assertThat(files.get(0).get("width").asInt()).isEqualTo(64);
            assertThat(sent.text("content")).isEmpty();

            FakeMessageService.Received claim = MESSAGE_SERVICE.received().get(before);
            assertThat(claim.authorization()).isEqualTo("Bearer " + token);
            assertThat(claim.body().get("directMessageId").asString()).isEqualTo(sent.text("id"));
            assertThat(claim.body().get("conversationId").asString())
                    .isEqualTo(p.conversation().toString());
            assertThat(claim.body().get("attachmentIds").valueStream().map(JsonNode::asString))
                    .containsExactly(second.toString(), first.toString());

            JsonNode asSeenByB =
                    api(p.b()).get("/api/dm/messages/" + sent.text("id")).json();
            assertThat(asSeenByB.get("attachments")).isEqualTo(files);
            Received created = events.await(
                            r -> r.is("dm.message.created", p.conversation()), 1, Duration.ofSeconds(30))
                    .get(0);
            assertThat(created.data().get("attachments")).isEqualTo(files);

            assertThat(api(p.a()).delete("/api/dm/messages/" + sent.text("id")).status())
                    .isEqualTo(204);
            assertThat(api(p.b())
                            .get("/api/dm/messages/" + sent.text("id"))
                            .json()
                            .get("attachments"))
                    .isEmpty();
            Received deleted = events.await(
                            r -> r.is("dm.message.deleted", p.conversation()), 1, Duration.ofSeconds(30))
                    .get(0);
            assertThat(deleted.data().get("attachments")).isEmpty();
        }
    }

    @Test
    void everyEventDmServicePublishesHasTheShapeOfItsGoldenContract() {
        try (EventCollector events = new EventCollector(Topics.DM)) {
            Pair p = pair();
            Response sent = sendFiles(p.a(), p.conversation(), List.of(UuidV7.next()));
            assertThat(sent.status()).as("%s", sent).isEqualTo(201);
            String message = "/api/dm/messages/" + sent.text("id");
            assertThat(api(p.a())
                            .patch(message, Map.of("content", "the engine", "version", 1))
                            .status())
                    .isEqualTo(200);
            assertThat(api(p.b())
                            .post(
                                    "/api/dm/conversations/" + p.conversation() + "/read",
                                    Map.of("messageId", sent.text("id")))
                            .status())
                    .isEqualTo(204);
            assertThat(api(p.a()).delete(message).status()).isEqualTo(204);

            for (EventType<?> type : List.of(
                    DmEvents.CONVERSATION_CREATED,
                    DmEvents.MESSAGE_CREATED,
                    DmEvents.MESSAGE_UPDATED,
                    DmEvents.MESSAGE_READ,
                    DmEvents.MESSAGE_DELETED)) {
                Received published = events.await(r -> r.is(type.name(), p.conversation()), 1, Duration.ofSeconds(30))
                        .get(0);
                JsonNode golden = EventContracts.goldenTree(type);
                JsonNode actual = published.envelope();
                assertThat(shape(actual, "")).as(type.name()).isEqualTo(shape(golden, ""));
                for (String constant : List.of("specversion", "type", "source", "datacontenttype")) {
                    assertThat(actual.get(constant))
                            .as(type.name() + " " + constant)
                            .isEqualTo(golden.get(constant));
                }
                assertThat(actual.get("subject").asString())
                        .isEqualTo(p.conversation().toString());
            }
        }
    }

    /** Every path of a JSON document (array elements as {@code []}), without the values. */
    private static Set<String> shape(JsonNode node, String path) {
        Set<String> paths = new TreeSet<>();
        if (node.isObject()) {
            node.propertyNames().forEach(name -> paths.addAll(shape(node.get(name), path + "/" + name)));
        } else if (node.isArray()) {
            paths.add(path + "[]");
            node.valueStream().forEach(element -> paths.addAll(shape(element, path + "[]")));
        } else {
            paths.add(path);
        }
        return paths;
    }

    @Test
    void aRefusalIsTheCallersBadRequestAndNeverABreakerFailure() {
        Pair p = pair();
        MESSAGE_SERVICE.mode(Mode.REFUSE);
        for (int i = 0; i < 6; i++) {
            JsonNode problem =
                    assertFieldErrors(sendFiles(p.a(), p.conversation(), List.of(UuidV7.next())), "attachmentIds");
            assertThat(problem.at("/errors/0/message").asString()).isEqualTo("contains files you did not upload");
        }
        assertThat(storedMessages(p.conversation())).isZero();
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void nobodyOutsideTheConversationGetsAsFarAsAClaim() {
        Pair p = pair();
        UUID stranger = users().register();
        int before = MESSAGE_SERVICE.received().size();
        assertProblem(sendFiles(stranger, p.conversation(), List.of(UuidV7.next())), 404);
        users().ban(p.b());
        assertProblem(sendFiles(p.a(), p.conversation(), List.of(UuidV7.next())), 403);
        assertThat(MESSAGE_SERVICE.received()).hasSize(before);
    }

    @Test
    void failuresOpenTheBreakerWhichAnswersAtOnceAndClosesWhenMessageServiceIsBack() {
        Pair p = pair();
        MESSAGE_SERVICE.mode(Mode.FAIL);
        for (int i = 0; i < 4; i++) {
            Response failed = sendFiles(p.a(), p.conversation(), List.of(UuidV7.next()));
            assertProblem(failed, 503);
            assertThat(failed.header("Retry-After")).isPresent();
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        int calls = MESSAGE_SERVICE.received().size();
        Response fast = sendFiles(p.a(), p.conversation(), List.of(UuidV7.next()));
        assertProblem(fast, 503);
        assertThat(fast.header("Retry-After")).hasValue("1");
        assertThat(MESSAGE_SERVICE.received())
                .as("an open breaker does not call")
                .hasSize(calls);
        assertThat(api(p.a())
                        .post("/api/dm/conversations/" + p.conversation() + "/messages", Map.of("content", "text only"))
                        .status())
                .as("messages without files do not need message-service")
                .isEqualTo(201);

        MESSAGE_SERVICE.mode(Mode.CLAIM);
        Await.await("the breaker lets a trial call through and it succeeds")
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sendFiles(p.a(), p.conversation(), List.of(UuidV7.next()))
                                .status()
                        == 201);
        assertThat(sendFiles(p.a(), p.conversation(), List.of(UuidV7.next())).status())
                .isEqualTo(201);
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(storedMessages(p.conversation())).isEqualTo(3);
    }

    @Test
    void aRetryOfTheSameFilesClaimsThemForTheSameMessage() {
        Pair p = pair();
        List<UUID> files = List.of(UuidV7.next(), UuidV7.next());
        int before = MESSAGE_SERVICE.received().size();

        MESSAGE_SERVICE.mode(Mode.HANG);
        assertProblem(sendFiles(p.a(), p.conversation(), files), 503);
        MESSAGE_SERVICE.mode(Mode.CLAIM);
        JsonNode wrongType = assertFieldErrors(
                api(p.a())
                        .post(
                                "/api/dm/conversations/" + p.conversation() + "/messages",
                                Map.of("content", "", "type", "AUDIO", "attachmentIds", files)),
                "type");
        assertThat(wrongType.at("/errors/0/message").asString()).contains("IMAGE");
        Response sent = api(p.a())
                .post(
                        "/api/dm/conversations/" + p.conversation() + "/messages",
                        Map.of("content", "", "attachmentIds", files));
        assertThat(sent.status()).as("%s", sent).isEqualTo(201);
        assertThat(sent.text("type")).as("derived from the files").isEqualTo("IMAGE");

        List<FakeMessageService.Received> claims = MESSAGE_SERVICE
                .received()
                .subList(before, MESSAGE_SERVICE.received().size());
        assertThat(claims).hasSize(3);
        assertThat(claims)
                .extracting(claim -> claim.body().get("directMessageId").asString())
                .as("one message id for every attempt, so message-service's claim stays idempotent")
                .containsOnly(sent.text("id"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from pending_attachment_claims where direct_message_id = ?::uuid",
                        Integer.class,
                        sent.text("id")))
                .isZero();

        sendFiles(p.b(), p.conversation(), files);
        List<FakeMessageService.Received> all = MESSAGE_SERVICE.received();
        assertThat(all.get(all.size() - 1).body().get("directMessageId").asString())
                .as("the same files from someone else are another attempt (message-service refuses them)")
                .isNotEqualTo(sent.text("id"));
    }

    @Test
    void theLoadBalancedClientIsOfferedToNoOtherBean(@Autowired ApplicationContext context) {
        // the Eureka client builds its transport to the registry from getIfAvailable() of this provider
        assertThat(context.getBeanProvider(RestClient.Builder.class).getIfAvailable())
                .isNotSameAs(context.getBean("messageServiceRestClientBuilder"));
    }

    @Test
    void aHangingMessageServiceIsATimeOutNotAHungRequest() {
        Pair p = pair();
        MESSAGE_SERVICE.mode(Mode.HANG);
        Response response = sendFiles(p.a(), p.conversation(), List.of(UuidV7.next()));
        assertProblem(response, 503);
        assertThat(response.header("Retry-After")).isPresent();
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(storedMessages(p.conversation())).isZero();
    }
}
