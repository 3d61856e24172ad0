package dev.connectnow.gateway.resilience;

import java.util.function.Predicate;

/**
 * Resilience4J {@code ignore-exception-predicate} of the route circuit breakers: an error that is not a
 * {@linkplain ServerFaults#isFault server fault} (e.g. one the gateway raised about the request itself) counts
 * neither as a failure nor as a success. Every other error — a server fault — is recorded as a failure.
 */
public final class NotAServerFault implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable error) {
        return !ServerFaults.isFault(error);
    }
}
