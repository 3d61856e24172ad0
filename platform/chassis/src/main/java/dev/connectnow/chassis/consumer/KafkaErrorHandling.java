package dev.connectnow.chassis.consumer;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.data.UniqueConstraints;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that keeps failing is retried a bounded number of times, then parked on {@code <topic>.DLT}
 * (same partition number when the DLT has it, else partition chosen by key) and the partition moves on.
 * Malformed records skip the retries: they will never parse.
 *
 * <p>Failures are logged one line each, by record coordinates, exception types and the violated
 * constraint's name: the exceptions' messages quote event payloads and PostgreSQL's error detail
 * ({@code Key (email)=(ada@example.com) already exists}), personal data that must not reach the logs. Spring
 * Kafka's own logging of them, with the message and a stack trace per attempt, is lowered to DEBUG.
 */
public final class KafkaErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandling.class);

    public static DefaultErrorHandler deadLetteringErrorHandler(
            KafkaOperations<?, ?> template, ChassisProperties.Consumer settings) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, exception) -> {
                    log.warn(
                            "Event {} sent to {} after failing: {}",
                            coordinates(record),
                            Topics.deadLetter(record.topic()),
                            describe(exception));
                    deadLetters.accept(record, exception);
                },
                new FixedBackOff(settings.getRetryBackoff().toMillis(), Math.max(0, settings.getMaxAttempts() - 1)));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        handler.setLogLevel(KafkaException.Level.DEBUG);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
                if (deliveryAttempt < settings.getMaxAttempts()
                        && !(rootCause(exception) instanceof MalformedEventException)) {
                    log.info(
                            "Event {} failed (attempt {}), will retry: {}",
                            coordinates(record),
                            deliveryAttempt,
                            describe(exception));
                }
            }
        });
        return handler;
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** Exception types and, for integrity violations, the constraint's name; never a message. */
    static String describe(Exception exception) {
        Throwable failure = exception;
        while ((failure instanceof ListenerExecutionFailedException || failure instanceof BatchListenerFailedException)
                && failure.getCause() != null) {
            failure = failure.getCause();
        }
        Throwable root = rootCause(failure);
        String types = root == failure
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + " caused by "
                        + root.getClass().getSimpleName();
        return UniqueConstraints.violatedConstraint(failure)
                .map(constraint -> types + " (constraint " + constraint + ")")
                .orElse(types);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private KafkaErrorHandling() {}
}
