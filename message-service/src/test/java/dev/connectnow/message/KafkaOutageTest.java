package dev.connectnow.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.Topics;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.support.EventFeed;
import dev.connectnow.message.support.EventFeed.Channel;
import dev.connectnow.message.support.MessageTestBase;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import dev.connectnow.testkit.KafkaOutage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * R1: Kafka is unreachable while messages are posted. Every post gets its 201 (the events wait in the
 * outbox); once Kafka is back every {@code message.created} arrives, once, in seq order. The service's
 * producer is cut off with the test kit's {@link KafkaOutage}; its consumers use the broker directly, so the
 * test can still feed channel events.
 */
@Import(KafkaOutage.class)
@TestPropertySource(
        properties = {
            "connectnow.outbox.max-backoff=1s",
            "connectnow.message.post-rate-per-second=10000",
            "connectnow.message.post-burst=10000"
        })
class KafkaOutageTest extends MessageTestBase {

    private static final int POSTS = 60;

    @Autowired
    private KafkaOutage kafka;

    @Test
    void postsSucceedWhileKafkaIsDownAndTheirEventsArriveLaterInSeqOrder() {
        EventFeed feed = feed();
        UUID owner = newUser();
        UUID workspace = feed.workspace(owner);
        feed.member(workspace, newUser(), WorkspaceRole.MEMBER);
        Channel channel = feed.channel(workspace, owner, "outage", false);
        long first = jdbc.queryForObject("select last_seq from channels where id = ?", Long.class, channel.id()) + 1;
        for (int i = 0; i < POSTS; i++) {
            assertThat(post(owner, channel.id(), "during the outage " + i)
                            .get("seq")
                            .asLong())
                    .isEqualTo(first + i);
        }
        kafka.awaitProducerRefused();
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where event_key = ? and event_type = 'message.created'",
                        Integer.class,
                        channel.id().toString()))
                .as("every event waits in the outbox")
                .isEqualTo(first + POSTS - 1);

        try (EventCollector events = new EventCollector(Topics.MESSAGE)) {
            kafka.end();
            String key = channel.id().toString();
            events.await(
                    r -> r.key().equals(key) && r.type().equals("message.created"),
                    (int) first - 1 + POSTS,
                    Duration.ofSeconds(60));
            List<Received> all =
                    events.drain(r -> r.key().equals(key) && r.type().equals("message.created"), Duration.ofSeconds(1));
            List<Long> seqs =
                    all.stream().map(r -> r.envelope().get("sequence").asLong()).toList();
            assertThat(seqs)
                    .as("every event once, in seq order")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, first + POSTS - 1).boxed().toList());
        }
        assertThat(kafka.forwardedConnections()).isPositive();
        Await.until(
                "the outbox drained",
                () -> jdbc.queryForObject("select count(*) from outbox_event", Integer.class) == 0);
    }
}
