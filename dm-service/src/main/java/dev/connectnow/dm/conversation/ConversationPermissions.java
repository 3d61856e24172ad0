package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.access.Verdict;

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

    static final String NOT_SENDER = "Only the sender can change a message";
    static final String CALLER_BANNED = "Your account is banned";
    static final String READ_ONLY = "The conversation is read-only while a participant is banned";
    static final String RECIPIENT_BANNED = "This user cannot receive direct messages";

    /**
     * @param isSender     the caller sent the message acted on (only read for message actions)
     * @param callerBanned the caller is banned
     * @param otherBanned  the other participant is banned
     */
    public static Verdict decide(
            Action action, boolean participant, boolean isSender, boolean callerBanned, boolean otherBanned) {
        if (!participant) {
            return Verdict.notFound();
        }
        if ((action == Action.EDIT_MESSAGE || action == Action.DELETE_MESSAGE) && !isSender) {
            return Verdict.forbidden(NOT_SENDER);
        }
        if (action == Action.VIEW) {
            return Verdict.allow();
        }
        if (callerBanned) {
            return Verdict.forbidden(CALLER_BANNED);
        }
        return switch (action) {
            case SEND, EDIT_MESSAGE -> Verdict.allowIf(!otherBanned, READ_ONLY);
            case VIEW, MARK_READ, DELETE_MESSAGE -> Verdict.allow();
        };
    }

    /**
     * Starting a conversation that does not exist yet ({@code recipientKnown}: the user projection has their
     * profile; an unknown one is "not found"). Finding an existing one is reading it and needs nothing beyond
     * being a participant.
     */
    public static Verdict start(boolean recipientKnown, boolean callerBanned, boolean recipientBanned) {
        if (!recipientKnown) {
            return Verdict.notFound();
        }
        if (callerBanned) {
            return Verdict.forbidden(CALLER_BANNED);
        }
        return Verdict.allowIf(!recipientBanned, RECIPIENT_BANNED);
    }

    private ConversationPermissions() {}
}
