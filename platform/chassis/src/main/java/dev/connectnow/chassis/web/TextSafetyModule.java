package dev.connectnow.chassis.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Rejects JSON strings containing U+0000 while the body is parsed, so they become a clear 400 instead of a
 * database error later. Every other character, including RTL overrides and ZWJ sequences, passes unchanged.
 */
public class TextSafetyModule extends SimpleModule {

    public TextSafetyModule() {
        super("connectnow-text-safety");
        addDeserializer(String.class, new NulRejectingStringDeserializer());
    }

    static final class NulRejectingStringDeserializer extends ValueDeserializer<String> {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                if (parser.hasToken(JsonToken.START_OBJECT) || parser.hasToken(JsonToken.START_ARRAY)) {
                    return (String) context.handleUnexpectedToken(String.class, parser);
                }
            }
            String text = parser.getValueAsString();
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw new InvalidTextException(
                        parser,
                        (parser.currentName() == null ? "Text" : "'" + parser.currentName() + "'")
                                + " must not contain NUL characters");
            }
            return text;
        }
    }
}
