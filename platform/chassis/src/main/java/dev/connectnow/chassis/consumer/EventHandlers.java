package dev.connectnow.chassis.consumer;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.EventType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A consumer's handlers by event type, made by {@link EventDispatcher}. For each record:
 *
 * <ol>
 *   <li>the envelope is read; a record that is not an event is malformed;</li>
 *   <li>a type without a handler is ignored (producers add types before consumers care about them);</li>
 *   <li>the payload is converted to its record and the handler's required fields are checked: a payload
 *   that does not match its contract or lacks a required field throws {@link MalformedEventException},
 *   which the chassis' error handler sends to {@code <topic>.DLT} at once, without retries;</li>
 *   <li>de-duplicated handlers run in one transaction that starts with {@link ProcessedEvents#firstTime}:
 *   the effect and the record of having applied it commit together, and a redelivery does nothing.</li>
 * </ol>
 *
 * Other exceptions of a handler are retried by the error handler and dead-lettered when they persist.
 * A listener of a busy topic can take a poll's records at once ({@link #handleBatch}): one transaction
 * for all of them, the same outcome per record.
 * Instances are immutable: {@link #on} returns a new table, so one can be built in a constructor.
 */
public final class EventHandlers {

    private static final Logger log = LoggerFactory.getLogger(EventHandlers.class);

    private final EventJson json;
    private final String consumer;
    private final ProcessedEvents processedEvents;
    private final TransactionTemplate transaction;
    private final TransactionTemplate batchTransaction;
    private final Map<String, Handler<?>> handlers;

    /**
     * @param transaction      each record's, with de-duplication; {@code null} without
     * @param batchTransaction a poll's records' ({@link #handleBatch}); {@code null} in a service without a
     *                         database
     */
    EventHandlers(
            EventJson json,
            String consumer,
            ProcessedEvents processedEvents,
            TransactionTemplate transaction,
            TransactionTemplate batchTransaction) {
        this(json, consumer, processedEvents, transaction, batchTransaction, Map.of());
    }

    private EventHandlers(
            EventJson json,
            String consumer,
            ProcessedEvents processedEvents,
            TransactionTemplate transaction,
            TransactionTemplate batchTransaction,
            Map<String, Handler<?>> handlers) {
        this.json = json;
        this.consumer = consumer;
        this.processedEvents = processedEvents;
        this.transaction = transaction;
        this.batchTransaction = batchTransaction;
        this.handlers = handlers;
    }

    /**
     * Handles events of {@code type} with {@code handler}.
     *
     * @param requiredFields payload fields that must be present and not null; checked against the payload
     *                       record's components now, so a misspelt name fails at start-up
     */
    public <T> EventHandlers on(EventType<T> type, Consumer<T> handler, String... requiredFields) {
        return onEnvelope(type, (payload, event) -> handler.accept(payload), requiredFields);
    }

    /**
     * As {@link #on(EventType, Consumer, String...)} for handlers that also need the envelope: its time,
     * sequence or id.
     */
    public <T> EventHandlers onEnvelope(
            EventType<T> type, BiConsumer<T, ReceivedEvent> handler, String... requiredFields) {
        if (handlers.containsKey(type.name())) {
            throw new IllegalArgumentException("a handler for " + type + " is already registered");
        }
        Map<String, Handler<?>> copy = new LinkedHashMap<>(handlers);
        copy.put(type.name(), new Handler<>(type, handler, checkedFields(type, requiredFields)));
        return new EventHandlers(json, consumer, processedEvents, transaction, batchTransaction, Map.copyOf(copy));
    }

    /** The event types this table handles; every other type is ignored. */
    public Set<String> types() {
        return handlers.keySet();
    }

    /** Handles one Kafka record: call it from the {@code @KafkaListener} method. */
    public void handle(ConsumerRecord<String, String> record) {
        handle(record.value());
    }

    /**
     * Handles the records of one poll, for a listener declared with {@code batch = "true"}: all of them in one
     * transaction of the service's database, each as {@link #handle(ConsumerRecord)} would — one commit instead
     * of one per record. If that transaction fails, none of it is kept and the records are handled again one
     * at a time, each in a transaction of its own, so that every record before a failing one is applied; the
     * failing one is thrown as a {@link BatchListenerFailedException} naming it, on which the chassis' error
     * handler commits the offsets before it and retries it, or dead-letters it, exactly as it would a record
     * listener's. A service without a database handles them one at a time.
     */
    public void handleBatch(List<ConsumerRecord<String, String>> records) {
        if (batchTransaction != null && records.size() > 1) {
            try {
                batchTransaction.executeWithoutResult(status -> records.forEach(this::handle));
                return;
            } catch (RuntimeException failure) {
                log.debug(
                        "{} records of one poll failed together ({}); handling them one at a time",
                        records.size(),
                        failure.getClass().getSimpleName());
            }
        }
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, String> record = records.get(index);
            try {
                if (batchTransaction == null) {
                    handle(record);
                } else {
                    batchTransaction.executeWithoutResult(status -> handle(record));
                }
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException("record " + index + " of the poll failed", failure, index);
            }
        }
    }

    /** Handles one serialized envelope. */
    public void handle(String value) {
        handle(json.read(value));
    }

    /**
     * Handles an envelope already read with {@link EventJson#read}: for a listener that needs the event (its
     * time, say) before it is applied, without reading the record twice.
     */
    public void handle(ReceivedEvent event) {
        Handler<?> handler = handlers.get(event.type());
        if (handler == null) {
            return;
        }
        handler.dispatch(event);
    }

    private static List<String> checkedFields(EventType<?> type, String... requiredFields) {
        RecordComponent[] components = type.payloadType().getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.payloadType() + " is not a record");
        }
        Set<String> known =
                Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (String field : requiredFields) {
            if (!known.contains(field)) {
                throw new IllegalArgumentException(type + " has no field '" + field + "'; fields: " + known);
            }
        }
        return List.of(requiredFields);
    }

    private final class Handler<T> {
        private final EventType<T> type;
        private final BiConsumer<T, ReceivedEvent> action;
        private final List<String> requiredFields;

        Handler(EventType<T> type, BiConsumer<T, ReceivedEvent> action, List<String> requiredFields) {
            this.type = type;
            this.action = action;
            this.requiredFields = requiredFields;
        }

        void dispatch(ReceivedEvent event) {
            for (String field : requiredFields) {
                if (event.rawData() == null || !event.rawData().hasNonNull(field)) {
                    throw new MalformedEventException(type + " " + event.id() + " lacks required field " + field);
                }
            }
            T payload = event.data(type);
            if (transaction == null) {
                action.accept(payload, event);
                return;
            }
            transaction.executeWithoutResult(status -> {
                if (processedEvents.firstTime(consumer, event.id())) {
                    action.accept(payload, event);
                } else {
                    log.debug("{} already applied {} {}", consumer, type, event.id());
                }
            });
        }
    }
}
