package dev.connectnow.chassis.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON is read as the contract types it: text where a number, a boolean or a date is expected
 * ({@code "version": "1"}, {@code "isMuted": "yes"}) is refused (400 naming the field) instead of converted, as
 * is a number or a boolean where text is expected ({@code "content": 123} was stored as "123"; refused by
 * {@link TextSafetyModule}'s string reader, which replaces Jackson's), and a fraction where an integer is
 * expected ({@code "version": 1.5} was read as 1); an integer stays acceptable where a decimal is expected.
 * An object naming a field twice is refused instead of the last one silently winning, so no two readers of
 * one body can disagree on what it says.
 */
final class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
