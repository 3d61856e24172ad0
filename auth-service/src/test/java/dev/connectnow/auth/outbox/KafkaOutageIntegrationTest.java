package dev.connectnow.auth.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.auth.support.Accounts;
import dev.connectnow.events.Topics;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.SwitchableTcpProxy;
import dev.connectnow.testkit.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * R1 in small: Kafka is unreachable while users register. Every registration still succeeds (the event
 * waits in the outbox), and once Kafka is reachable every {@code user.registered} arrives exactly once.
 *
 * <p>The in-JVM test broker cannot be stopped, so the service's producer reaches it only through a
 * switchable TCP proxy, which is off when the context starts. A Kafka client learns broker addresses from
 * the metadata the bootstrap server returns; while the proxy is off the producer has never received any,
 * so the proxy is its only route and "off" really means "Kafka unreachable". (After the switch the client
 * talks to the broker's advertised address directly; that is why this test covers "down, then up" and not
 * a second outage.)
 *
 * <p>The relay runs with its normal batch size: while Kafka is away it probes with one row per attempt,
 * so when the broker returns nothing has been half-sent and every event arrives exactly once, in order.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "connectnow.outbox.max-backoff=1s")
class KafkaOutageIntegrationTest {

    private static final int USERS = 12;
    static final SwitchableTcpProxy PROXY = startProxy();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TestConfiguration
    static class ProducerThroughProxy {
        @Bean
        DefaultKafkaProducerFactoryCustomizer producerThroughProxy() {
            return factory -> factory.updateConfigs(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    PROXY.address(),
                    // give up on a send quickly while Kafka is away, so the relay's back-off governs retries
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    1000));
        }
    }

    @AfterAll
    static void stopProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void registrationsSucceedWhileKafkaIsDownAndTheirEventsArriveOnceWhenItIsBack() throws Exception {
        ApiClient api = new Accounts(port).api();
        List<String> userIds = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String username = Accounts.uniqueUsername("outage");
            ApiClient.Response response = api.withHeader("X-Forwarded-For", Accounts.freshAddress())
                    .post(
                            "/api/auth/register",
                            Map.of(
                                    "email",
                                    username + "@example.com",
                                    "username",
                                    username,
                                    "password",
                                    Accounts.PASSWORD,
                                    "displayName",
                                    "O"));
            assertThat(response.status()).as("%s", response).isEqualTo(201);
            userIds.add(response.json().get("user").get("id").asString());
        }

        // nothing got out: the relay tried (through the proxy) and every event is still in the outbox
        Await.until("the producer tried to connect", () -> PROXY.refusedConnections() > 0);
        Await.until("the relay recorded a failed attempt", () -> failedAttempts() > 0);
        assertThat(pendingFor(userIds)).isEqualTo(USERS);

        try (EventCollector events = new EventCollector(Topics.USER)) {
            PROXY.enable();

            Set<String> expected = new HashSet<>(userIds);
            List<EventCollector.Received> arrived = events.await(
                    r -> r.type().equals("user.registered") && expected.contains(r.subject()),
                    USERS,
                    Duration.ofSeconds(90));
            assertThat(arrived)
                    .extracting(EventCollector.Received::subject)
                    .containsExactlyInAnyOrderElementsOf(userIds);

            List<EventCollector.Received> all = events.drain(
                    r -> r.type().equals("user.registered") && expected.contains(r.subject()), Duration.ofSeconds(3));
            assertThat(all).hasSize(USERS);
        }
        assertThat(PROXY.forwardedConnections()).isPositive();
        Await.until("the outbox drained", () -> pendingFor(userIds) == 0);
    }

    private int pendingFor(List<String> userIds) {
        return jdbc.queryForObject(
                "select count(*) from outbox_event where event_type = 'user.registered' " + "and event_key = any(?)",
                Integer.class,
                (Object) userIds.toArray(String[]::new));
    }

    private int failedAttempts() {
        return jdbc.queryForObject("select coalesce(sum(attempts), 0) from outbox_event", Integer.class);
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
