package dev.connectnow.chassis.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses, while a body is parsed, JSON strings (values and object keys) that the database would not store
 * as sent: U+0000 (PostgreSQL text cannot hold it) and unpaired surrogates such as {@code "a\ud800b"} (not
 * a character: the UTF-8 encoder writes '?' instead). Both become a clear 400 instead of a database error
 * or silently changed text. Every real character, including RTL overrides and ZWJ sequences, passes
 * unchanged.
 */
public class TextSafetyModule extends SimpleModule {

    public TextSafetyModule() {
        super("connectnow-text-safety");
        addDeserializer(String.class, new SafeStringDeserializer());
        addKeyDeserializer(String.class, new SafeKeyDeserializer());
    }

    /** Why the text cannot be accepted, or null when it can. */
    static String problemOf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain NUL characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain unpaired surrogates (\\ud800-\\udfff escapes that are not a character)";
            }
        }
        return null;
    }

    static final class SafeStringDeserializer extends ValueDeserializer<String> {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            // text is a JSON string: a number or a boolean is the wrong type, not text to convert (StrictJson)
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getString();
            String problem = text == null ? null : problemOf(text);
            if (problem != null) {
                throw new InvalidTextException(
                        parser,
                        (parser.currentName() == null ? "Text" : "'" + parser.currentName() + "'") + " " + problem);
            }
            return text;
        }
    }

    static final class SafeKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            String problem = problemOf(key);
            if (problem != null) {
                throw new InvalidTextException(context.getParser(), "A field name " + problem);
            }
            return key;
        }
    }
}
