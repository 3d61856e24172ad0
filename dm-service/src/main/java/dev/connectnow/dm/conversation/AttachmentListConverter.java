package dev.connectnow.dm.conversation;

import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores a message's attachment views as a JSON array (jsonb), exactly as message-service returned them. */
@Converter
public class AttachmentListConverter implements AttributeConverter<List<AttachmentPayload>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<AttachmentPayload>> LIST = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<AttachmentPayload> attachments) {
        return JSON.writeValueAsString(attachments == null ? List.of() : attachments);
    }

    @Override
    public List<AttachmentPayload> convertToEntityAttribute(String json) {
        return json == null ? List.of() : List.copyOf(JSON.readValue(json, LIST));
    }
}
