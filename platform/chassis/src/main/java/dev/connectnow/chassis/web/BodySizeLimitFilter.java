package dev.connectnow.chassis.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the configured size with 413: declared lengths before anything is read, chunked
 * bodies as soon as they cross the limit. Multipart uploads are bounded separately by Spring's multipart
 * limits, which services that accept files configure.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemWriter problems;

    public BodySizeLimitFilter(long maxBytes, ProblemWriter problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            problems.write(
                    request,
                    response,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(declared >= 0 ? request : new InspectedRequest(request, new Limit(maxBytes)), response);
    }

    /** Counts the bytes of a body without a declared length, refusing it once it crosses the limit. */
    private static final class Limit implements InspectedRequest.Inspector {
        private final long limit;
        private long count;

        Limit(long limit) {
            this.limit = limit;
        }

        @Override
        public void read(byte[] bytes, int offset, int length) throws PayloadTooLargeException {
            count += length;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }
    }
}
