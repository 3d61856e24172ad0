package dev.connectnow.realtime.connection;

/**
 * Sends one record straight to Kafka, without waiting and without an outbox: connection and typing events are
 * ephemeral facts of this instance (contract 5), and a lost one is repaired by the next instance heartbeat.
 */
@FunctionalInterface
public interface EventSender {

    void send(String topic, String key, String envelopeJson);
}
