package dev.connectnow.message.attachment;

/** The storage backend failed (I/O, S3 unreachable): a 503 with Retry-After, never a 500. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(Throwable cause) {
        super("attachment storage unavailable: " + cause.getMessage(), cause);
    }
}
