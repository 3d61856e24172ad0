package dev.connectnow.auth.sso.provider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Single sign-on providers under {@code connectnow.auth.oidc}; none by default.
 *
 * @param providers              by name (lower-case letters, digits, '-'), e.g. {@code keycloak}
 * @param connectTimeout         time limit for opening a connection to a provider
 * @param requestTimeout         time limit for one whole discovery or JWKS request, body included
 * @param metadataTtl            how long a provider's discovery document is used before it is fetched again
 * @param jwksTtl                how long a provider's key set is used before it is fetched again
 * @param jwksMinRefreshInterval a token naming an unknown key fetches the key set at most this often
 * @param failureBackoff         after a failed fetch, requests that need the provider get 503 at once for this
 *                               long (with {@code Retry-After}) instead of waiting on it again
 * @param clockSkew              tolerance on {@code exp}, {@code nbf} and {@code iat}
 * @param maxDocumentBytes       largest discovery document or key set accepted
 */
@ConfigurationProperties(prefix = "connectnow.auth.oidc")
public record OidcProperties(
        Map<String, Provider> providers,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration metadataTtl,
        Duration jwksTtl,
        Duration jwksMinRefreshInterval,
        Duration failureBackoff,
        Duration clockSkew,
        int maxDocumentBytes) {

    public OidcProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
        metadataTtl = metadataTtl == null ? Duration.ofHours(1) : metadataTtl;
        jwksTtl = jwksTtl == null ? Duration.ofMinutes(15) : jwksTtl;
        jwksMinRefreshInterval = jwksMinRefreshInterval == null ? Duration.ofSeconds(30) : jwksMinRefreshInterval;
        failureBackoff = failureBackoff == null ? Duration.ofSeconds(5) : failureBackoff;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        maxDocumentBytes = maxDocumentBytes <= 0 ? 256 * 1024 : maxDocumentBytes;
    }

    /**
     * One OpenID Connect provider.
     *
     * @param issuerUri          the provider's issuer, exactly as its tokens' {@code iss} and its discovery document
     *                           say (Keycloak: {@code https://host/realms/<realm>})
     * @param audiences          the client ids of ConnectNow's apps at the provider (an ID token's {@code aud} or an
     *                           access token's {@code azp}) and any access-token audience meant for ConnectNow
     * @param trustVerifiedEmail whether an e-mail address this provider marks verified may sign into (and so link)
     *                           an existing ConnectNow account with that address; only for providers whose
     *                           addresses are really verified and cannot be changed by users unchecked
     */
    public record Provider(String issuerUri, List<String> audiences, boolean trustVerifiedEmail) {

        public Provider {
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
        }
    }
}
