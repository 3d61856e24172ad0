package dev.connectnow.realtime.snapshot;

/** An owning service answered 4xx (e.g. the token expired meanwhile): the caller's problem, no breaker failure. */
public final class SnapshotRejected extends RuntimeException {

    public SnapshotRejected(String service, int status) {
        super(service + " answered " + status, null, false, false);
    }
}
