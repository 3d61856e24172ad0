package dev.connectnow.chassis.consumer;

import dev.connectnow.chassis.outbox.EventJson;
import java.util.Objects;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the typed handler tables of a service's consumers ({@link EventHandlers}). One bean per service;
 * each handler class builds its table once, in its constructor:
 *
 * <pre>{@code
 * handlers = dispatcher.deduplicatedAs("channel-service.workspace")
 *         .on(WorkspaceEvents.CREATED, this::created, "workspaceId", "ownerId")
 *         .on(WorkspaceEvents.DELETED, this::deleted, "workspaceId");
 * }</pre>
 */
public class EventDispatcher {

    private final EventJson json;
    private final ProcessedEvents processedEvents;
    private final PlatformTransactionManager transactions;

    /**
     * @param processedEvents {@code null} in a service without a database
     * @param transactions    {@code null} in a service without a database
     */
    public EventDispatcher(EventJson json, ProcessedEvents processedEvents, PlatformTransactionManager transactions) {
        this.json = Objects.requireNonNull(json);
        this.processedEvents = processedEvents;
        this.transactions = transactions;
    }

    /**
     * Handlers whose effects are stored: each event runs in one transaction that first records its id for
     * {@code consumer} ({@link ProcessedEvents#firstTime}) and skips it if that id was recorded before.
     *
     * @param consumer the de-duplication scope, {@code <service>.<topic>} by convention; never rename it
     *                 (events seen under the old name would be applied again)
     */
    public EventHandlers deduplicatedAs(String consumer) {
        if (processedEvents == null || transactions == null) {
            throw new IllegalStateException("de-duplicated handlers need a database (ProcessedEvents and a "
                    + "transaction manager); a service without one uses withoutDeduplication()");
        }
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        return new EventHandlers(json, consumer, processedEvents, transaction, transaction);
    }

    /**
     * Handlers whose effects are idempotent (a projection that only moves forward) or transient
     * (realtime-service pushes to sockets): a redelivered event is handled again, in the handler's own
     * transaction if it has one. In a service with a database, {@link EventHandlers#handleBatch} still puts a
     * poll's records in one transaction.
     */
    public EventHandlers withoutDeduplication() {
        return new EventHandlers(
                json, null, null, null, transactions == null ? null : new TransactionTemplate(transactions));
    }
}
