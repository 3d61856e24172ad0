package dev.connectnow.chassis.consumer;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that keeps failing is retried a bounded number of times, then parked on {@code <topic>.DLT}
 * (same partition number when the DLT has it, else partition chosen by key) and the partition moves on.
 * Malformed records skip the retries: they will never parse.
 */
public final class KafkaErrorHandling {

    public static DefaultErrorHandler deadLetteringErrorHandler(
            KafkaOperations<?, ?> template, ChassisProperties.Consumer settings) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(
                recoverer,
                new FixedBackOff(settings.getRetryBackoff().toMillis(), Math.max(0, settings.getMaxAttempts() - 1)));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    private KafkaErrorHandling() {}
}
