package dev.connectnow.chassis.web;

import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;

/**
 * The services speak JSON. Spring adds a converter for every data format whose library is on the classpath
 * (springdoc brings YAML), and each one is a way around the JSON hardening: a YAML body is bound without
 * the unknown-field check and the text checks of {@link TextSafetyModule}. Converters of other structured
 * formats are removed; plain text, bytes, resources and forms (multipart uploads) stay.
 */
final class JsonOnly {

    private static final Set<String> OTHER_FORMATS =
            Set.of("yaml", "x-yaml", "xml", "cbor", "x-jackson-smile", "x-protobuf");

    static void removeOtherStructuredFormats(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(
                converter -> converter.getSupportedMediaTypes().stream().anyMatch(JsonOnly::otherFormat));
    }

    private static boolean otherFormat(MediaType type) {
        String subtype = type.getSubtype();
        int suffix = subtype.lastIndexOf('+');
        return OTHER_FORMATS.contains(subtype)
                || (suffix >= 0 && OTHER_FORMATS.contains(subtype.substring(suffix + 1)));
    }

    private JsonOnly() {}
}
