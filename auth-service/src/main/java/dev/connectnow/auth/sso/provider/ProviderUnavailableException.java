package dev.connectnow.auth.sso.provider;

import java.time.Duration;

/**
 * A provider's discovery document or keys could not be had in time: a temporary failure on their side, answered
 * 503 with {@code Retry-After}, never 500.
 */
public class ProviderUnavailableException extends RuntimeException {

    private final String provider;
    private final Duration retryAfter;

    public ProviderUnavailableException(String provider, Duration retryAfter, String reason) {
        super(reason, null, false, false);
        this.provider = provider;
        this.retryAfter = retryAfter;
    }

    public String provider() {
        return provider;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
