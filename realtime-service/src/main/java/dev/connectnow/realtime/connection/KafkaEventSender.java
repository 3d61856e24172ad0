package dev.connectnow.realtime.connection;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Hands records to Kafka from one thread of its own, in the order they were given: a caller (a socket's event
 * loop, a Kafka listener) never waits for a broker that is slow or away. When Kafka is away long enough for
 * the queue to fill, further records are dropped and counted; presence-service repairs connection state from
 * the next instance heartbeat, and typing indicators are worthless seconds later anyway.
 */
public final class KafkaEventSender implements EventSender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventSender.class);

    private final KafkaTemplate<String, String> kafka;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();

    public KafkaEventSender(KafkaTemplate<String, String> kafka, int capacity) {
        this.kafka = kafka;
        this.executor =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), runnable -> {
                    Thread thread = new Thread(runnable, "realtime-event-sender");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void send(String topic, String key, String envelopeJson) {
        try {
            executor.execute(() -> kafka.send(topic, key, envelopeJson).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("could not publish to {}: {}", topic, failure.getMessage());
                }
            }));
        } catch (RejectedExecutionException full) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                log.warn("Kafka does not keep up: {} connection/typing records dropped so far", dropped.get());
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    /** Sends what is queued (a few seconds at most), then stops. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        kafka.flush();
    }
}
