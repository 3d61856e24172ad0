package dev.connectnow.dm.conversation;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The two users of a conversation in canonical order: {@code userA} is the smaller id in PostgreSQL's uuid
 * order (unsigned, byte by byte), which is what the table's {@code user_a_id < user_b_id} CHECK and unique
 * pair rely on. {@link UUID#compareTo} compares signed longs and would disagree for ids with the top bit
 * set, so it is not used.
 */
public record Participants(UUID userA, UUID userB) {

    public Participants {
        Objects.requireNonNull(userA);
        Objects.requireNonNull(userB);
        if (compare(userA, userB) >= 0) {
            throw new IllegalArgumentException("userA must be smaller than userB");
        }
    }

    /** The pair of two different users, whichever of them starts the conversation. */
    public static Participants of(UUID one, UUID other) {
        int order = compare(one, other);
        if (order == 0) {
            throw new IllegalArgumentException("a conversation needs two different users");
        }
        return order < 0 ? new Participants(one, other) : new Participants(other, one);
    }

    /** PostgreSQL's uuid ordering: the 16 bytes compared as unsigned numbers. */
    public static int compare(UUID x, UUID y) {
        int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
    }

    public boolean includes(UUID userId) {
        return userA.equals(userId) || userB.equals(userId);
    }

    /** The participant who is not {@code userId}; {@code userId} must be one of the two. */
    public UUID otherThan(UUID userId) {
        if (userA.equals(userId)) {
            return userB;
        }
        if (userB.equals(userId)) {
            return userA;
        }
        throw new IllegalArgumentException("not a participant");
    }

    /** Both ids, the smaller first: the {@code participantIds} of every dm event. */
    public List<UUID> asList() {
        return List.of(userA, userB);
    }
}
