package dev.connectnow.chassis.outbox;

/** A record that can never be processed: it is dead-lettered at once instead of retried. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
