package dev.connectnow.chassis.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records how long a request took from the gateway to this service's first filter ({@value #METRIC}): the hop,
 * the connection's backlog and the wait for a request thread — the queue a service that falls behind builds,
 * which no timer inside the service sees. The gateway sends {@value #HEADER} ({@code t=} epoch microseconds,
 * the convention APM agents read) when it starts a request's time limit, stripping any a client sent; requests
 * without it (not from the gateway) and values from a clock ahead of this one are not recorded. Runs before the
 * deadline check, so that the requests queued past their deadline count too.
 */
public class RequestQueueTimeFilter extends OncePerRequestFilter {

    static final String METRIC = "connectnow.http.requests.queued";
    static final String HEADER = "X-Request-Start";

    private final Clock clock;
    private final Timer queued;

    public RequestQueueTimeFilter(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.queued = Timer.builder(METRIC)
                .description("From the gateway's start of a request (X-Request-Start) to this service's first filter")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long startMicros = epochMicros(request.getHeader(HEADER));
        if (startMicros > 0) {
            long waitedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()) - startMicros;
            if (waitedMicros >= 0) {
                queued.record(waitedMicros, TimeUnit.MICROSECONDS);
            }
        }
        chain.doFilter(request, response);
    }

    /** {@code t=} and up to 18 digits; anything else is -1 (only the gateway sets the header). */
    static long epochMicros(@Nullable String header) {
        if (header == null || !header.startsWith("t=") || header.length() < 3 || header.length() > 20) {
            return -1;
        }
        for (int i = 2; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(header, 2, header.length(), 10);
    }
}
