package dev.connectnow.presence.consumer;

import dev.connectnow.events.Topics;
import dev.connectnow.presence.connection.ConnectionProgress;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * The Kafka entry points; group id is the application name (chassis default). Partitions of the connection topic
 * taken away by a rebalance leave {@link ConnectionProgress}: their new consumer reports them.
 */
@Component
public class EventListeners implements ConsumerSeekAware {

    private final ConnectionEventHandler connectionEvents;
    private final WorkspaceEventHandler workspaceEvents;
    private final DmEventHandler dmEvents;
    private final ConnectionProgress connectionProgress;

    public EventListeners(
            ConnectionEventHandler connectionEvents,
            WorkspaceEventHandler workspaceEvents,
            DmEventHandler dmEvents,
            ConnectionProgress connectionProgress) {
        this.connectionEvents = connectionEvents;
        this.workspaceEvents = workspaceEvents;
        this.dmEvents = dmEvents;
        this.connectionProgress = connectionProgress;
    }

    @KafkaListener(topics = Topics.CONNECTION)
    public void onConnectionEvent(ConsumerRecord<String, String> record, Consumer<?, ?> consumer) {
        connectionEvents.handle(record, consumer);
    }

    @KafkaListener(topics = Topics.WORKSPACE)
    public void onWorkspaceEvent(ConsumerRecord<String, String> record) {
        workspaceEvents.handle(record);
    }

    @KafkaListener(topics = Topics.DM)
    public void onDmEvent(ConsumerRecord<String, String> record) {
        dmEvents.handle(record);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        connectionProgress.revoked(partitions.stream()
                .filter(partition -> partition.topic().equals(Topics.CONNECTION))
                .toList());
    }
}
