package dev.connectnow.presence.support;

import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * What an operator does with {@code kafka-consumer-groups --reset-offsets --to-earliest}: stops the service's
 * listeners (the group must be empty), moves the group's committed offsets of the given topics to the start,
 * starts the listeners again, and waits until the group has caught up with the end of every partition.
 */
public final class ConsumerGroupReset {

    private ConsumerGroupReset() {}

    public static void toEarliest(KafkaListenerEndpointRegistry listeners, String group, List<String> topics)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers()))) {
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic ->
                            topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .toList();
            listeners.stop();
            Map<TopicPartition, OffsetAndMetadata> earliest = offsets(admin, partitions, OffsetSpec.earliest());
            Await.await("the group's offsets moved to the start (the group must be empty first)")
                    .until(() -> {
                        admin.alterConsumerGroupOffsets(group, earliest).all().get(); // fails while members remain
                        return true;
                    });
            Map<TopicPartition, OffsetAndMetadata> end = offsets(admin, partitions, OffsetSpec.latest());
            listeners.start();
            Await.await("the group caught up with the end of every partition")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get();
                        return end.entrySet().stream()
                                .allMatch(e -> committed.get(e.getKey()) != null
                                        && committed.get(e.getKey()).offset()
                                                >= e.getValue().offset());
                    });
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(
            Admin admin, List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all()
                .get();
        return offsets.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> new OffsetAndMetadata(e.getValue().offset())));
    }
}
