package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import java.util.List;

/**
 * The type of a direct message follows from its files, as for channel messages: none → TEXT; all images →
 * IMAGE, all videos → VIDEO, all audio → AUDIO; anything else (other files, or a mix) → FILE. A type the client
 * sends must be that one; SYSTEM is never accepted from a client. Pure.
 */
public final class DirectMessageTypes {

    /** What can be refused before the files are known: SYSTEM, or a file type without files. */
    public static void checkRequested(MessageType requested, boolean hasFiles) {
        if (requested == MessageType.SYSTEM) {
            throw ApiException.invalidField("type", "SYSTEM messages are written by the service only");
        }
        if (!hasFiles && requested != null && requested != MessageType.TEXT) {
            throw ApiException.invalidField("type", "is " + requested + " but the message has no attachments");
        }
    }

    /** The message's type: derived from the files, which a requested type must agree with. */
    public static MessageType resolve(MessageType requested, List<AttachmentPayload> files) {
        checkRequested(requested, !files.isEmpty());
        MessageType derived = derive(files);
        if (requested != null && requested != derived) {
            throw ApiException.invalidField(
                    "type", "is " + requested + " but the attachments make the message " + derived);
        }
        return derived;
    }

    static MessageType derive(List<AttachmentPayload> files) {
        MessageType common = null;
        for (AttachmentPayload file : files) {
            MessageType kind = kindOf(file.mimeType());
            if (common != null && common != kind) {
                return MessageType.FILE;
            }
            common = kind;
        }
        return common == null ? MessageType.TEXT : common;
    }

    private static MessageType kindOf(String mimeType) {
        String type = mimeType == null ? "" : mimeType;
        if (type.startsWith("image/")) {
            return MessageType.IMAGE;
        }
        if (type.startsWith("video/")) {
            return MessageType.VIDEO;
        }
        if (type.startsWith("audio/")) {
            return MessageType.AUDIO;
        }
        return MessageType.FILE;
    }

    private DirectMessageTypes() {}
}
