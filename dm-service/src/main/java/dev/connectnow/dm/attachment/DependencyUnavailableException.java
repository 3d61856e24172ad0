package dev.connectnow.dm.attachment;

import dev.connectnow.chassis.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** 503 with {@code Retry-After}: a service this request needs is down or too slow; nothing was changed. */
public class DependencyUnavailableException extends ApiException {

    private final Duration retryAfter;

    public DependencyUnavailableException(String detail, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, detail);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
