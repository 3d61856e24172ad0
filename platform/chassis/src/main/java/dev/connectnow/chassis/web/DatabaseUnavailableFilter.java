package dev.connectnow.chassis.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Code that runs inside Spring Security's filters (e.g. a token validator that checks a session in the
 * database) fails before MVC's exception handling: a database error there would surface as a bare 500
 * error page. This filter turns it into the same 503 problem the chassis returns for database outages
 * inside controllers.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ProblemWriter problems;

    public DatabaseUnavailableFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            if (!(e instanceof DataAccessException || DatabaseFailures.isUnavailable(e)) || response.isCommitted()) {
                throw e;
            }
            log.warn(
                    "Database unavailable on {}: {}",
                    request.getRequestURI(),
                    e.getClass().getSimpleName());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "The service is temporarily unavailable");
        }
    }
}
