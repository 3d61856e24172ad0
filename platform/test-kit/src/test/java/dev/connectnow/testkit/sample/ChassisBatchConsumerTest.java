package dev.connectnow.testkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceCreated;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A listener that takes a poll's records at once ({@code EventHandlers.handleBatch}): one transaction for the
 * poll, and per record the outcome a record listener gives — each event applied once, a failing record retried
 * and dead-lettered alone. The records of each test are sent while the listener is stopped, so that they all
 * come in its first poll after it starts again.
 */
@ServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ChassisBatchConsumerTest {

    private static EventCollector deadLetters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void subscribe() {
        deadLetters = EventCollector.deadLettersOf(Topics.WORKSPACE);
    }

    @AfterAll
    static void close() {
        deadLetters.close();
    }

    @Test
    void aPollsRecordsAreAppliedInOneTransactionEachEventOnce() {
        String key = UUID.randomUUID().toString();
        List<EventEnvelope<WorkspaceCreated>> events = IntStream.range(0, 20)
                .mapToObj(i -> created(UUID.randomUUID(), key + "-" + i))
                .toList();
        whileTheListenerIsStopped(() -> {
            events.forEach(event -> TestEvents.send(event, key));
            TestEvents.send(events.get(3), key); // the same event again, in the same poll
        });

        List<UUID> workspaces =
                events.stream().map(event -> event.data().workspaceId()).toList();
        Await.until("the 20 workspaces applied", () -> rows(workspaces) == 20);
        assertThat(jdbc.queryForObject(
                        "select count(distinct transaction_id) from received_workspace where workspace_id = any(?)",
                        Long.class,
                        (Object) workspaces.toArray(UUID[]::new)))
                .as("one transaction for the poll")
                .isEqualTo(1);
        assertThat(deadLetters.drain(record -> key.equals(record.key()), Duration.ofSeconds(1)))
                .as("the repeated event was skipped, not applied again against the unique slug")
                .isEmpty();
    }

    @Test
    void aFailingRecordIsRetriedAndDeadLetteredAloneAndTheRestOfItsPollIsApplied(CapturedOutput output) {
        String key = UUID.randomUUID().toString();
        EventEnvelope<WorkspaceCreated> first = created(UUID.randomUUID(), key + "-first");
        EventEnvelope<WorkspaceCreated> second = created(UUID.randomUUID(), key + "-second");
        EventEnvelope<WorkspaceCreated> clash = created(UUID.randomUUID(), key + "-first");
        EventEnvelope<WorkspaceCreated> last = created(UUID.randomUUID(), key + "-last");
        whileTheListenerIsStopped(() -> {
            TestEvents.send(first, key);
            TestEvents.sendRaw(Topics.WORKSPACE, key, "{not an event");
            TestEvents.send(second, key);
            TestEvents.send(clash, key);
            TestEvents.send(last, key);
        });

        List<EventCollector.Received> parked =
                deadLetters.await(record -> key.equals(record.key()), 2, Duration.ofSeconds(30));
        assertThat(parked.get(0).value()).isEqualTo("{not an event");
        assertThat(parked.get(1).subject()).isEqualTo(clash.data().workspaceId().toString());
        Await.until(
                "the records around the failing ones applied",
                () -> rows(List.of(
                                first.data().workspaceId(),
                                second.data().workspaceId(),
                                last.data().workspaceId()))
                        == 3);
        assertThat(rows(List.of(clash.data().workspaceId()))).isZero();
        assertThat(output.getAll())
                .as("the clash was retried, each attempt logged with the constraint and not the wrappers around it")
                .contains("will retry: DuplicateKeyException")
                .contains("(constraint received_workspace_slug_uq)")
                .doesNotContain("BatchListenerFailedException");
    }

    private void whileTheListenerIsStopped(Runnable sends) {
        MessageListenerContainer container =
                listeners.getListenerContainer(SampleApplication.WorkspaceBatchListener.ID);
        container.stop();
        try {
            sends.run();
        } finally {
            container.start();
        }
    }

    private long rows(List<UUID> workspaces) {
        return jdbc.queryForObject(
                "select count(*) from received_workspace where workspace_id = any(?)", Long.class, (Object)
                        workspaces.toArray(UUID[]::new));
    }

    private static EventEnvelope<WorkspaceCreated> created(UUID workspace, String slug) {
        return EventEnvelope.of(
                WorkspaceEvents.CREATED,
                "/test",
                workspace.toString(),
                null,
                new WorkspaceCreated(workspace, "Workspace", slug, null, null, UUID.randomUUID(), true, Instant.now()));
    }
}
