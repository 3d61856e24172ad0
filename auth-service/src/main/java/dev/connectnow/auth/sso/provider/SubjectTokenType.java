package dev.connectnow.auth.sso.provider;

import java.util.Arrays;
import java.util.Optional;

/** The RFC 8693 token types a provider's subject token may be declared as. */
public enum SubjectTokenType {
    ACCESS_TOKEN("urn:ietf:params:oauth:token-type:access_token"),
    ID_TOKEN("urn:ietf:params:oauth:token-type:id_token");

    private final String uri;

    SubjectTokenType(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public static Optional<SubjectTokenType> fromUri(String uri) {
        return Arrays.stream(values()).filter(type -> type.uri.equals(uri)).findFirst();
    }
}
