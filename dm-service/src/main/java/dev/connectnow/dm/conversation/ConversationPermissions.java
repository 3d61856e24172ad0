package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.web.ApiException;

/**
 * Who may do what with direct conversations. Pure rules over facts the caller's request establishes
 * (participant or not, sender of the message or not, who is banned); no Spring, no database.
 *
 * <ol>
 *   <li>Not a participant: 404 for everything — someone else's conversation, and every message in it, does
 *   not exist for you.</li>
 *   <li>Reading is open to both participants, banned or not (a banned user's sessions are revoked; their
 *   last access token still reads until it expires).</li>
 *   <li>While either participant is banned the conversation is read-only: nobody sends or edits. The other
 *   participant may still delete their own messages and mark the conversation read; the banned one
 *   changes nothing at all.</li>
 *   <li>Only the sender edits or deletes a message (403 for the other participant).</li>
 *   <li>A new conversation needs a known recipient (404 otherwise) and neither side banned (403).</li>
 * </ol>
 */
public final class ConversationPermissions {

    /** What a participant does with a conversation or with one of its messages. */
    public enum Action {
        VIEW,
        SEND,
        MARK_READ,
        EDIT_MESSAGE,
        DELETE_MESSAGE
    }

    /** The outcome of a rule; every refusal carries the problem the caller gets. */
    public enum Access {
        ALLOW,
        NOT_FOUND,
        UNKNOWN_USER,
        NOT_SENDER,
        CALLER_BANNED,
        RECIPIENT_BANNED,
        READ_ONLY;

        /** Throws the matching problem unless allowed. */
        public void require() {
            switch (this) {
                case ALLOW -> {}
                case NOT_FOUND -> throw ApiException.notFound("Not found");
                case UNKNOWN_USER -> throw ApiException.notFound("No such user");
                case NOT_SENDER -> throw ApiException.forbidden("Only the sender can change a message");
                case CALLER_BANNED -> throw ApiException.forbidden("Your account is banned");
                case RECIPIENT_BANNED -> throw ApiException.forbidden("This user cannot receive direct messages");
                case READ_ONLY ->
                    throw ApiException.forbidden("The conversation is read-only while a participant is banned");
            }
        }
    }

    /**
     * @param isSender     the caller sent the message acted on (only read for message actions)
     * @param callerBanned the caller is banned
     * @param otherBanned  the other participant is banned
     */
    public static Access decide(
            Action action, boolean participant, boolean isSender, boolean callerBanned, boolean otherBanned) {
        if (!participant) {
            return Access.NOT_FOUND;
        }
        if ((action == Action.EDIT_MESSAGE || action == Action.DELETE_MESSAGE) && !isSender) {
            return Access.NOT_SENDER;
        }
        if (action == Action.VIEW) {
            return Access.ALLOW;
        }
        if (callerBanned) {
            return Access.CALLER_BANNED;
        }
        return switch (action) {
            case SEND, EDIT_MESSAGE -> otherBanned ? Access.READ_ONLY : Access.ALLOW;
            case VIEW, MARK_READ, DELETE_MESSAGE -> Access.ALLOW;
        };
    }

    /**
     * Starting a conversation that does not exist yet ({@code recipientKnown}: the user projection has their
     * profile). Finding an existing one is reading it and needs nothing beyond being a participant.
     */
    public static Access start(boolean recipientKnown, boolean callerBanned, boolean recipientBanned) {
        if (!recipientKnown) {
            return Access.UNKNOWN_USER;
        }
        if (callerBanned) {
            return Access.CALLER_BANNED;
        }
        return recipientBanned ? Access.RECIPIENT_BANNED : Access.ALLOW;
    }

    private ConversationPermissions() {}
}
