package dev.connectnow.dm.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.dm.support.DmIntegrationTest;
import dev.connectnow.events.Topics;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import dev.connectnow.testkit.KafkaOutage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * R1: Kafka is unreachable for dm-service while conversations are started and messages sent. Every request
 * still succeeds (events wait in the outbox); once Kafka is back every event arrives exactly once, and each
 * conversation's events in the order they happened. dm-service's producer is cut off with the test kit's
 * {@link KafkaOutage}; the test kit's own producer announces the users to it directly.
 */
@Import(KafkaOutage.class)
@TestPropertySource(
        properties = {
            "connectnow.outbox.max-backoff=1s",
            "connectnow.dm.rate-limit.message-burst=1000",
            "connectnow.dm.rate-limit.conversation-burst=100"
        })
class KafkaOutageTest extends DmIntegrationTest {

    private static final int CONVERSATIONS = 3;
    private static final int MESSAGES_EACH = 25;

    @Autowired
    private KafkaOutage kafka;

    @Test
    void everySendSucceedsWhileKafkaIsDownAndEveryEventArrivesOnceInOrderWhenItIsBack() {
        UUID me = users().register();
        List<UUID> others = users().registerAll(CONVERSATIONS);
        List<UUID> conversations = new ArrayList<>();
        for (UUID other : others) {
            conversations.add(conversation(me, other));
        }
        int receipts = 0;
        for (int i = 0; i < MESSAGES_EACH; i++) {
            // every change of sender reads the other's messages before it: one dm.message.read each
            boolean turn = i > 0 && (i % 3 == 2 || i % 3 == 0);
            receipts += turn ? CONVERSATIONS : 0;
            for (int c = 0; c < CONVERSATIONS; c++) {
                UUID sender = i % 3 == 2 ? others.get(c) : me;
                Response sent = api(sender)
                        .post(
                                "/api/dm/conversations/" + conversations.get(c) + "/messages",
                                Map.of("content", "message " + i));
                assertThat(sent.status()).as("%s", sent).isEqualTo(201);
            }
        }

        Set<String> keys = conversations.stream().map(UUID::toString).collect(Collectors.toSet());
        kafka.awaitProducerRefused();
        int pending = pendingFor(keys);
        assertThat(pending).as("nothing got out").isEqualTo(CONVERSATIONS * (1 + MESSAGES_EACH) + receipts);

        try (EventCollector events = new EventCollector(Topics.DM)) {
            kafka.end();
            List<Received> arrived = events.await(r -> keys.contains(r.key()), pending, Duration.ofSeconds(90));
            assertThat(arrived).hasSize(pending);
            assertThat(events.drain(r -> keys.contains(r.key()), Duration.ofSeconds(2)))
                    .as("each event once")
                    .hasSize(pending);
            for (UUID conversation : conversations) {
                List<Received> ofConversation = arrived.stream()
                        .filter(r -> r.key().equals(conversation.toString()))
                        .toList();
                assertThat(ofConversation.get(0).type()).isEqualTo("dm.conversation.created");
                assertThat(ofConversation.stream()
                                .filter(r -> r.type().equals("dm.message.created"))
                                .map(r -> r.envelope().get("sequence").asLong()))
                        .as("messages of one conversation in seq order")
                        .containsExactlyElementsOf(sequence(MESSAGES_EACH));
            }
        }
        Await.until("the outbox drained", () -> pendingFor(keys) == 0);
    }

    private int pendingFor(Set<String> keys) {
        return jdbc.queryForObject("select count(*) from outbox_event where event_key = any(?)", Integer.class, (Object)
                keys.toArray(String[]::new));
    }

    private static List<Long> sequence(int count) {
        List<Long> seqs = new ArrayList<>();
        for (long i = 1; i <= count; i++) {
            seqs.add(i);
        }
        return seqs;
    }
}
