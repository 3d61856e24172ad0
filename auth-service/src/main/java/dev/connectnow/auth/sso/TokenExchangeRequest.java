package dev.connectnow.auth.sso;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.connectnow.auth.sso.provider.SubjectTokenType;
import dev.connectnow.chassis.web.ApiException;
import java.util.List;
import java.util.Map;

/**
 * An RFC 8693 token exchange request, as form parameters or as JSON with the same (snake_case) names. Only
 * impersonation semantics: a provider's token in, ConnectNow tokens for the same person out; no delegation
 * ({@code actor_token}) and no other requested token type.
 */
public record TokenExchangeRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("subject_token") String subjectToken,
        @JsonProperty("subject_token_type") String subjectTokenType,
        @JsonProperty("requested_token_type") String requestedTokenType,
        @JsonProperty("actor_token") String actorToken,
        @JsonProperty("actor_token_type") String actorTokenType) {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = SubjectTokenType.ACCESS_TOKEN.uri();

    /** From form parameters; a parameter sent twice is refused (RFC 6749, section 3.2), unknown ones ignored. */
    static TokenExchangeRequest fromForm(Map<String, List<String>> form) {
        return new TokenExchangeRequest(
                single(form, "grant_type"),
                single(form, "subject_token"),
                single(form, "subject_token_type"),
                single(form, "requested_token_type"),
                single(form, "actor_token"),
                single(form, "actor_token_type"));
    }

    /** The declared subject token type, after every request-level check (400 with an OAuth error code). */
    SubjectTokenType validate() {
        if (grantType == null || grantType.isBlank()) {
            throw invalid("grant_type", "is required", "invalid_request");
        }
        if (!GRANT_TYPE.equals(grantType)) {
            throw invalid("grant_type", "must be " + GRANT_TYPE, "unsupported_grant_type");
        }
        if (subjectToken == null || subjectToken.isBlank()) {
            throw invalid("subject_token", "is required", "invalid_request");
        }
        if (actorToken != null || actorTokenType != null) {
            throw invalid("actor_token", "delegation is not supported", "invalid_request");
        }
        if (requestedTokenType != null && !ACCESS_TOKEN_TYPE.equals(requestedTokenType)) {
            throw invalid("requested_token_type", "only " + ACCESS_TOKEN_TYPE + " can be issued", "invalid_request");
        }
        if (subjectTokenType == null || subjectTokenType.isBlank()) {
            throw invalid("subject_token_type", "is required", "invalid_request");
        }
        return SubjectTokenType.fromUri(subjectTokenType)
                .orElseThrow(() -> invalid(
                        "subject_token_type",
                        "must be " + SubjectTokenType.ID_TOKEN.uri() + " or " + SubjectTokenType.ACCESS_TOKEN.uri(),
                        "invalid_request"));
    }

    private static String single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid(name, "must be sent once", "invalid_request");
        }
        return values.get(0);
    }

    private static ApiException invalid(String field, String message, String oauthError) {
        return ApiException.invalidField(field, message).with("error", oauthError);
    }

    @Override
    public String toString() {
        return "TokenExchangeRequest[subjectTokenType=" + subjectTokenType + "]"; // never the token
    }
}
