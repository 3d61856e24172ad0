package dev.connectnow.gateway.resilience;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.support.NotFoundException;

/**
 * Which outcomes of a proxied call say that a service is unhealthy — as opposed to what a client's request
 * can provoke in a healthy one. Only server faults count against a route's circuit breaker and only they are
 * worth a retry; an anonymous client must not be able to open a route for everybody.
 * <ul>
 * <li>Faults: the service could not be reached or the connection broke before an answer (connection
 * refused/reset, premature close), no instance is registered, no answer within the time limit, or it answered
 * 502, 503 or 504 (the platform's services answer 503 only when a dependency of theirs — database, Kafka,
 * another service — is away).</li>
 * <li>Not faults: every answer below 500, and the other 5xx: a 500 is how a service's bug reacts to one
 * particular request, typically to its input, and 501/505 are answers to the request's method or protocol.
 * The service answered, so it is up; counting them would let anyone with a bad request open the circuit.
 * Errors the gateway raises itself about a request (413, malformed URL, ...) are not faults either.</li>
 * </ul>
 */
public final class ServerFaults {

    private ServerFaults() {}

    /** 502, 503, 504: the service (or something it depends on) is not able to serve. */
    public static boolean isFaultStatus(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** The call produced no answer for a reason on the service's side (anywhere in the cause chain). */
    public static boolean isFault(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException
                    || isNoInstance(cause)
                    || isBrokenConnection(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The service could not be reached or the connection broke before it answered: worth another attempt of
     * a read (the load balancer may pick another instance, a pooled connection may have gone stale).
     */
    public static boolean isConnectionFault(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (isBrokenConnection(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Connection refused or reset, connect time-out, closed before the answer: all I/O errors. */
    private static boolean isBrokenConnection(Throwable error) {
        return error instanceof IOException;
    }

    private static boolean isNoInstance(Throwable error) {
        return error instanceof NotFoundException notFound
                && notFound.getStatusCode().is5xxServerError();
    }
}
