package dev.connectnow.auth.sso.provider;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A configured provider, checked once at start-up so that a mistake stops the service instead of refusing every
 * sign-in later.
 *
 * @param name               the configuration key, shown to users in their list of linked identities
 * @param issuer             compared exactly with {@code iss} and with the discovery document's {@code issuer}
 * @param audiences          accepted client ids / audiences
 * @param trustVerifiedEmail see {@link OidcProperties.Provider#trustVerifiedEmail()}
 */
public record OidcProvider(String name, String issuer, Set<String> audiences, boolean trustVerifiedEmail) {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,31}$");

    public static OidcProvider of(String name, OidcProperties.Provider settings) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(key).matches()) {
            throw invalid(name, "the name must be 1-32 lower-case letters, digits or '-'");
        }
        String issuer = settings.issuerUri() == null ? "" : settings.issuerUri().strip();
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            throw invalid(key, "issuer-uri is not a URI");
        }
        if (!uri.isAbsolute()
                || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw invalid(key, "issuer-uri must be an http(s) URL with a host and without query or fragment");
        }
        List<String> audiences = settings.audiences().stream()
                .map(String::strip)
                .filter(audience -> !audience.isEmpty())
                .toList();
        if (audiences.isEmpty()) {
            throw invalid(key, "audiences must name at least one client id");
        }
        return new OidcProvider(key, issuer, Set.copyOf(audiences), settings.trustVerifiedEmail());
    }

    /** Where the discovery document lives (OpenID Connect Discovery 1.0, section 4). */
    public URI discoveryUri() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    private static IllegalStateException invalid(String name, String problem) {
        return new IllegalStateException("connectnow.auth.oidc.providers." + name + ": " + problem);
    }
}
