package dev.connectnow.chassis.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds requests whose caller has already given up ({@link RequestDeadline}) before any work is done for them:
 * a service that fell behind then clears its backlog at the cost of a header check per stale request, instead
 * of serving each one in full for nobody and keeping every later request waiting behind them. Counted in
 * {@value #METRIC}; logged at DEBUG only, since under overload there is one per shed request.
 */
public class RequestDeadlineFilter extends OncePerRequestFilter {

    static final String METRIC = "connectnow.http.requests.expired";

    private static final Logger log = LoggerFactory.getLogger(RequestDeadlineFilter.class);

    private final Clock clock;

    private final ProblemWriter problems;

    private final Counter expired;

    public RequestDeadlineFilter(Clock clock, ProblemWriter problems, MeterRegistry meters) {
        this.clock = clock;
        this.problems = problems;
        this.expired = Counter.builder(METRIC)
                .description("Requests refused because the caller's deadline had passed when they were read")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestDeadline deadline = RequestDeadline.parse(request.getHeader(RequestDeadline.HEADER));
        if (deadline.hasPassed(clock)) {
            expired.increment();
            log.debug("{} {} arrived past its deadline; not processed", request.getMethod(), request.getRequestURI());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RequestDeadline.RETRY_AFTER.toSeconds()));
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, RequestDeadline.EXPIRED);
            return;
        }
        request.setAttribute(RequestDeadline.ATTRIBUTE, deadline);
        chain.doFilter(request, response);
    }
}
