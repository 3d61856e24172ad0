package dev.connectnow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * R1 tests ("Kafka is down while the service changes state; every event arrives later, in order"): the
 * service's Kafka <em>producer</em> reaches the shared in-JVM broker only through a {@link SwitchableTcpProxy}
 * that is off when the context starts, while its consumers (and {@link TestEvents}) use the broker directly,
 * so the test can still play other services.
 *
 * <pre>{@code
 * @ServiceIntegrationTest
 * @Import(KafkaOutage.class)
 * class KafkaOutageTest {
 *     @Autowired KafkaOutage kafka;
 *
 *     @Test void eventsWaitInTheOutbox() {
 *         ... change state: every request succeeds ...
 *         kafka.awaitProducerRefused();
 *         kafka.end();
 *         ... every event arrives once, in order ...
 *     }
 * }
 * }</pre>
 *
 * <p>Why this is a real outage for the producer: a Kafka client learns broker addresses from the metadata the
 * bootstrap server returns; while the proxy is off the producer never received any, so the proxy is its only
 * route. Once the outage ends the client talks to the broker's advertised address directly: one outage per
 * context ("down, then up"), not a second one. Sends give up after one second while Kafka is away, so the
 * outbox relay's back-off governs the retries. Each context gets its own proxy, closed with it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class KafkaOutage implements DisposableBean {

    private final SwitchableTcpProxy proxy;

    public KafkaOutage() {
        String[] broker = TestKafka.shared().bootstrapServers().split(",")[0].split(":");
        try {
            proxy = new SwitchableTcpProxy(broker[0], Integer.parseInt(broker[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer producerThroughKafkaOutage() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, proxy.address(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000));
    }

    /** Waits until the service's producer has tried to reach Kafka and was refused. */
    public void awaitProducerRefused() {
        Await.until("the service's producer tried to reach Kafka", () -> proxy.refusedConnections() > 0);
    }

    /** Kafka is reachable again for the service's producer. */
    public void end() {
        proxy.enable();
    }

    /** Connections the producer made through the proxy once the outage ended. */
    public int forwardedConnections() {
        return proxy.forwardedConnections();
    }

    @Override
    public void destroy() throws IOException {
        proxy.close();
    }
}
