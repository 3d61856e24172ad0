package dev.connectnow.message.post;

import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.message.attachment.AttachmentService;
import dev.connectnow.message.reaction.ReactionStore;
import dev.connectnow.message.reaction.ReactionStore.ReactionSummary;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns messages into resources for one viewer. Whatever the number of messages, that is two queries: one
 * grouped query for the reactions ({@code me} included) and one for the attachments — never one per message.
 */
@Component
public class MessageViews {

    private final ReactionStore reactions;
    private final AttachmentService attachments;

    public MessageViews(ReactionStore reactions, AttachmentService attachments) {
        this.reactions = reactions;
        this.attachments = attachments;
    }

    public List<MessageView> of(List<Message> messages, UUID viewer) {
        List<UUID> live = messages.stream()
                .filter(m -> !m.isDeleted())
                .map(Message::getId)
                .toList();
        Map<UUID, List<ReactionSummary>> reactionsById = reactions.aggregate(live, viewer);
        Map<UUID, List<AttachmentPayload>> attachmentsById = attachments.ofMessages(live);
        return messages.stream()
                .map(m -> MessageView.of(
                        m,
                        reactionsById.getOrDefault(m.getId(), List.of()),
                        attachmentsById.getOrDefault(m.getId(), List.of())))
                .toList();
    }

    public MessageView of(Message message, UUID viewer) {
        return of(List.of(message), viewer).get(0);
    }
}
