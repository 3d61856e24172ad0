package dev.connectnow.chassis.security;

import dev.connectnow.http.BearerTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The access token of {@code Authorization: Bearer <token>}, read as Spring Security's {@code DefaultBearerTokenResolver}
 * reads it by default (the header only, never a query or form parameter; a malformed bearer header is
 * {@code invalid_token}) but without its regular expression over the ~800-character token ({@link BearerTokens}).
 * On public paths a stale token (e.g. an expired access token sent along with a refresh request) is ignored rather
 * than answered with 401: those endpoints do not depend on who the caller is.
 */
final class HeaderBearerTokenResolver implements BearerTokenResolver {

    private final List<RequestMatcher> publicPaths;

    HeaderBearerTokenResolver(List<RequestMatcher> publicPaths) {
        this.publicPaths = List.copyOf(publicPaths);
    }

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!BearerTokens.isBearer(authorization) || isPublic(request)) {
            return null;
        }
        String token = BearerTokens.tokenOf(authorization);
        if (token == null) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return token;
    }

    private boolean isPublic(HttpServletRequest request) {
        for (RequestMatcher path : publicPaths) {
            if (path.matches(request)) {
                return true;
            }
        }
        return false;
    }
}
