package dev.connectnow.gateway.resilience;

import java.util.function.Predicate;
import org.springframework.http.HttpStatusCode;

/**
 * Resilience4J {@code record-result-predicate} of the route circuit breakers: a proxied call's result is the
 * status the service answered, and it counts as a failure only when that is a
 * {@linkplain ServerFaults#isFaultStatus server fault} (502, 503, 504). The answer itself still reaches the
 * client unchanged.
 */
public final class FailedAnswer implements Predicate<Object> {

    @Override
    public boolean test(Object result) {
        return result instanceof HttpStatusCode status && ServerFaults.isFaultStatus(status.value());
    }
}
