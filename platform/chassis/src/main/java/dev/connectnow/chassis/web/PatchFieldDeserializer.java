package dev.connectnow.chassis.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.util.AccessPattern;

/**
 * Reads a {@link PatchField}: a value with the mapper's own deserializer for the type argument, JSON null as
 * {@code of(null)}, and a property missing from the body as {@link PatchField#absent()} (Jackson asks for the
 * "absent value" of creator properties, which is how records are built).
 */
final class PatchFieldDeserializer extends ValueDeserializer<PatchField<?>> {

    private final ValueDeserializer<Object> valueDeserializer;

    PatchFieldDeserializer() {
        this(null);
    }

    private PatchFieldDeserializer(ValueDeserializer<Object> valueDeserializer) {
        this.valueDeserializer = valueDeserializer;
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
        JavaType type = property != null ? property.getType() : context.getContextualType();
        JavaType valueType = type == null ? null : type.containedType(0);
        if (valueType == null) {
            throw new IllegalStateException("PatchField needs its type argument, e.g. PatchField<String>");
        }
        return new PatchFieldDeserializer(context.findContextualValueDeserializer(valueType, property));
    }

    @Override
    public PatchField<?> deserialize(JsonParser parser, DeserializationContext context) {
        if (valueDeserializer == null) {
            throw new IllegalStateException("PatchField read without its type argument");
        }
        return PatchField.of(valueDeserializer.deserialize(parser, context));
    }

    @Override
    public Object getNullValue(DeserializationContext context) {
        return PatchField.of(null);
    }

    @Override
    public AccessPattern getNullAccessPattern() {
        return AccessPattern.CONSTANT;
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return PatchField.absent();
    }
}
