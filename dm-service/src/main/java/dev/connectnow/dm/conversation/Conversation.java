package dev.connectnow.dm.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A direct conversation as stored. Its counters ({@code lastMessageSeq}, the read positions) are only ever
 * changed by conditional SQL in {@link ConversationStore} under the row's lock, never written back from an
 * instance, so an instance is a snapshot and the rules below read it.
 */
public record Conversation(
        UUID id,
        Participants participants,
        Instant lastMessageAt,
        long lastMessageSeq,
        long userALastReadSeq,
        long userBLastReadSeq,
        Instant createdAt,
        Instant updatedAt) {

    public boolean isParticipant(UUID userId) {
        return participants.includes(userId);
    }

    public UUID otherParticipant(UUID userId) {
        return participants.otherThan(userId);
    }

    public long lastReadSeqOf(UUID userId) {
        return participants.userA().equals(userId) ? userALastReadSeq : userBLastReadSeq;
    }

    /**
     * Messages after the participant's read position. Sending moves the sender's own position to the new
     * message, so every message counted here is the other participant's (see docs/dm.md).
     */
    public long unreadCountFor(UUID userId) {
        return Math.max(0, lastMessageSeq - lastReadSeqOf(userId));
    }
}
