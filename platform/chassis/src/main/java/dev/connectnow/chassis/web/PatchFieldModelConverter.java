package dev.connectnow.chassis.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;

/**
 * Describes a {@link PatchField PatchField&lt;T&gt;} in OpenAPI documents as what a client sends: a {@code T}
 * (null and absent are the PATCH semantics every endpoint shares, see docs/api.md), not as an object with a
 * {@code present} flag.
 */
final class PatchFieldModelConverter implements ModelConverter {

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        JavaType javaType = Json.mapper().constructType(type.getType());
        if (javaType != null && javaType.getRawClass() == PatchField.class && javaType.containedType(0) != null) {
            return context.resolve(new AnnotatedType(javaType.containedType(0))
                    .name(type.getName())
                    .parent(type.getParent())
                    .propertyName(type.getPropertyName())
                    .ctxAnnotations(type.getCtxAnnotations())
                    .jsonViewAnnotation(type.getJsonViewAnnotation())
                    .schemaProperty(type.isSchemaProperty())
                    .resolveAsRef(type.isResolveAsRef()));
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
