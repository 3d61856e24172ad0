package dev.connectnow.testkit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One in-JVM Kafka broker (KRaft) per test JVM, shared by every test class. */
public final class TestKafka {

    private static volatile TestKafka shared;

    private final EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("num.partitions", "3");
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "stop-test-kafka"));
    }

    public static TestKafka shared() {
        if (shared == null) {
            synchronized (TestKafka.class) {
                if (shared == null) {
                    shared = new TestKafka();
                }
            }
        }
        return shared;
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }
}
