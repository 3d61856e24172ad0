package dev.connectnow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectnow.events.Topics;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.support.EventFeed;
import dev.connectnow.message.support.EventFeed.Channel;
import dev.connectnow.message.support.MessageTestBase;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import dev.connectnow.testkit.SwitchableTcpProxy;
import dev.connectnow.testkit.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * R1: Kafka is unreachable while messages are posted. Every post gets its 201 (the events wait in the
 * outbox); once Kafka is back every {@code message.created} arrives, once, in seq order. The service's
 * producer reaches the in-JVM broker only through a switchable proxy that is off at start (see auth-service's
 * KafkaOutageIntegrationTest for why that is a real outage for the producer); its consumers use the broker
 * directly, so the test can still feed channel events.
 */
@TestPropertySource(
        properties = {
            "connectnow.outbox.max-backoff=1s",
            "connectnow.message.post-rate-per-second=10000",
            "connectnow.message.post-burst=10000"
        })
class KafkaOutageTest extends MessageTestBase {

    private static final int POSTS = 60;
    static final SwitchableTcpProxy PROXY = startProxy();

    @TestConfiguration
    static class ProducerThroughProxy {
        @Bean
        DefaultKafkaProducerFactoryCustomizer producerThroughProxy() {
            return factory -> factory.updateConfigs(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    PROXY.address(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    1000));
        }
    }

    @AfterAll
    static void stopProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void postsSucceedWhileKafkaIsDownAndTheirEventsArriveLaterInSeqOrder() {
        DefaultKafkaProducerFactory<String, String> direct = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        EventFeed feed = feed(new KafkaTemplate<>(direct));
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
        await().atMost(Duration.ofSeconds(30)).until(() -> PROXY.refusedConnections() > 0);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where event_key = ? and event_type = 'message.created'",
                        Integer.class,
                        channel.id().toString()))
                .as("every event waits in the outbox")
                .isGreaterThanOrEqualTo(POSTS);

        try (EventCollector events = new EventCollector(Topics.MESSAGE)) {
            PROXY.enable();
            List<Received> arrived = events.await(
                    r -> r.key().equals(channel.id().toString()) && r.type().equals("message.created"),
                    POSTS + 1,
                    Duration.ofSeconds(90));
            List<Received> all = events.drain(
                    r -> r.key().equals(channel.id().toString()) && r.type().equals("message.created"),
                    Duration.ofSeconds(2));
            assertThat(arrived).isNotEmpty();
            List<Long> seqs =
                    all.stream().map(r -> r.envelope().get("sequence").asLong()).toList();
            assertThat(seqs)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, first + POSTS - 1).boxed().toList());
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("select count(*) from outbox_event", Integer.class) == 0);
        direct.destroy();
    }

    private static SwitchableTcpProxy startProxy() {
        String[] broker = TestKafka.shared().bootstrapServers().split(",")[0].split(":");
        try {
            return new SwitchableTcpProxy(broker[0], Integer.parseInt(broker[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
