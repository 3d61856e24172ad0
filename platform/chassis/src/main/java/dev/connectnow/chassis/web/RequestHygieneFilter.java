package dev.connectnow.chassis.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads the request, client input that the layers behind would turn into a 5xx or
 * store altered. It runs ahead of security, so an anonymous client gets the same 4xx as a signed-in one.
 *
 * <ul>
 *   <li>A {@code Content-Type} that is not one concrete media type ({@code *}{@code /*}, {@code application/*},
 *   {@code application/*+yaml}, or no media type at all) is a 415: Spring refuses wildcards with an
 *   IllegalArgumentException, which would be a 500.</li>
 *   <li>A query string whose percent-escapes are malformed or decode to anything but strict UTF-8 is a 400,
 *   checked on the raw query, so the servlet container never fails to decode it (Tomcat throws from
 *   {@code getParameter}, a 500 logged with a stack trace).</li>
 *   <li>NUL ({@code %00}) in the query is a 400: PostgreSQL text cannot hold it, and the database's refusal
 *   would look like a conflict. (In the path, Tomcat itself refuses an encoded NUL with a 400.)</li>
 *   <li>A form body ({@code application/x-www-form-urlencoded}, the token exchange's) is held to the same
 *   rules: its parameters are parsed here, where Tomcat's refusal of a bad escape is a 400, not later inside
 *   the security filters, where it was a 500.</li>
 *   <li>A JSON body is checked as strict UTF-8 while it is read ({@link Utf8Validator}): overlong forms and
 *   encoded surrogates become a 400 instead of a '/' or a '?' in the database.</li>
 * </ul>
 */
public class RequestHygieneFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public RequestHygieneFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MediaType contentType;
        try {
            contentType = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException e) {
            problems.write(
                    request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The Content-Type is not a media type");
            return;
        }
        if (contentType != null && (contentType.isWildcardType() || contentType.isWildcardSubtype())) {
            problems.write(
                    request,
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type must name one media type, such as application/json, not a pattern");
            return;
        }
        ProblemDetail queryProblem = queryProblem(request.getQueryString());
        if (queryProblem != null) {
            queryProblem.setInstance(URI.create(request.getRequestURI()));
            problems.write(response, queryProblem);
            return;
        }
        if (contentType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(contentType)) {
            String formProblem = formProblem(request);
            if (formProblem != null) {
                problems.write(request, response, HttpStatus.BAD_REQUEST, formProblem);
                return;
            }
        }
        chain.doFilter(isJson(contentType) ? new InspectedRequest(request, new Utf8Check()) : request, response);
    }

    /**
     * Parses a form body now (the container keeps the result for everyone after us): the problem with it, or
     * null. The container decodes it as strict UTF-8 (CharacterEncodingFilter ran first) and fails on a
     * malformed escape or byte sequence; NUL decodes fine and is refused here.
     */
    private static String formProblem(HttpServletRequest request) {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException e) {
            return "The form body is not valid: parameters must be percent-encoded UTF-8";
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0
                    || Arrays.stream(parameter.getValue()).anyMatch(value -> value.indexOf('\u0000') >= 0)) {
                return "Form parameters must not contain NUL characters";
            }
        }
        return null;
    }

    private static boolean isJson(MediaType contentType) {
        return contentType != null
                && (MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                        || contentType.getSubtype().endsWith("+json"));
    }

    /** The first problem of a raw (still percent-encoded) query string, or null when every parameter is fine. */
    static ProblemDetail queryProblem(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            byte[] name = percentDecode(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null || !Utf8Validator.isValid(name) || containsNul(name)) {
                return ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST,
                        "The query string is not valid: parameters must be percent-encoded UTF-8 without NUL");
            }
            String parameter = new String(name, StandardCharsets.UTF_8);
            byte[] value = equals < 0 ? new byte[0] : percentDecode(pair.substring(equals + 1));
            String message = value == null || !Utf8Validator.isValid(value)
                    ? "is not valid percent-encoded UTF-8"
                    : containsNul(value) ? "must not contain NUL characters" : null;
            if (message != null) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, "Query parameter '" + parameter + "' " + message);
                problem.setProperty("errors", List.of(Map.of("field", parameter, "message", message)));
                return problem;
            }
        }
        return null;
    }

    /** The bytes a form-encoded component stands for; null when a {@code %} is not followed by two hex digits. */
    private static byte[] percentDecode(String component) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                int high = i + 2 < component.length() ? Character.digit(component.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(component.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                // the container hands the raw query over as ISO-8859-1: one char per byte received
                bytes.write(c & 0xFF);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a body as soon as its bytes stop being strict UTF-8, or when it ends inside a character. */
    private static final class Utf8Check implements InspectedRequest.Inspector {
        private final Utf8Validator validator = new Utf8Validator();

        @Override
        public void read(byte[] bytes, int offset, int length) throws MalformedUtf8Exception {
            for (int i = offset; i < offset + length; i++) {
                if (!validator.accept(bytes[i] & 0xFF)) {
                    throw new MalformedUtf8Exception();
                }
            }
        }

        @Override
        public void end() throws MalformedUtf8Exception {
            if (!validator.complete()) {
                throw new MalformedUtf8Exception();
            }
        }
    }
}
