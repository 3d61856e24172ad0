package dev.connectnow.message.post;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.message.MessageEvents.MessageType;
import java.util.List;

/**
 * The type of a posted message follows from its attachments: none → TEXT; all images → IMAGE, all videos →
 * VIDEO, all audio → AUDIO; anything else (other files, or a mix) → FILE. A type the client sends must be that
 * one; SYSTEM is never accepted from a client. Pure.
 */
public final class MessageTypes {

    public static MessageType resolve(MessageType requested, List<String> attachmentMimeTypes) {
        if (requested == MessageType.SYSTEM) {
            throw ApiException.invalidField("type", "SYSTEM messages are written by the service only");
        }
        MessageType derived = derive(attachmentMimeTypes);
        if (requested != null && requested != derived) {
            throw ApiException.invalidField(
                    "type", "is " + requested + " but the attachments make the message " + derived);
        }
        return derived;
    }

    static MessageType derive(List<String> mimeTypes) {
        if (mimeTypes.isEmpty()) {
            return MessageType.TEXT;
        }
        MessageType common = null;
        for (String mimeType : mimeTypes) {
            MessageType kind = kindOf(mimeType);
            if (common != null && common != kind) {
                return MessageType.FILE;
            }
            common = kind;
        }
        return common;
    }

    static MessageType kindOf(String mimeType) {
        if (mimeType.startsWith("image/")) {
            return MessageType.IMAGE;
        }
        if (mimeType.startsWith("video/")) {
            return MessageType.VIDEO;
        }
        if (mimeType.startsWith("audio/")) {
            return MessageType.AUDIO;
        }
        return MessageType.FILE;
    }

    private MessageTypes() {}
}
