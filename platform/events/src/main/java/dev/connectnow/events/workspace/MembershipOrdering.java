package dev.connectnow.events.workspace;

import java.util.UUID;

/**
 * Decides whether a workspace member event changes the projection, so that events can arrive twice, late
 * or out of order (replays, redeliveries, partitions) and the projection still ends where workspace-service
 * is.
 *
 * <ul>
 *   <li>Memberships are ordered by {@code membershipId}: UUIDv7, minted on each join, so a later join sorts
 *   after an earlier one. Comparison is unsigned, byte by byte, which is the timestamp order of UUIDv7 and
 *   the order PostgreSQL uses for {@code uuid}.</li>
 *   <li>Within one membership, {@code revision} orders the changes.</li>
 *   <li>A removal is final for its membership: it leaves a tombstone that no event of the same (or an older)
 *   membership can lift, whatever its revision; only a newer membership restores access. A removal is
 *   applied even at the revision the projection already holds, so a producer that does not bump the
 *   revision on removal still removes.</li>
 * </ul>
 * Pure: no Spring, no database.
 */
public final class MembershipOrdering {

    /** What the projection holds for one (workspace, user); {@code membershipId} null = provisional owner. */
    public record Held(UUID membershipId, long revision, boolean removed) {}

    /** One member event: {@code removal} for {@code workspace.member.removed}. */
    public record Incoming(UUID membershipId, long revision, boolean removal) {}

    /**
     * @param apply            write the incoming state to the projection
     * @param startsMembership the user becomes an active member under a membership not active before
     *                         (joins #general)
     * @param endsMembership   the user is no longer a member (leaves every channel of the workspace)
     */
    public record Decision(boolean apply, boolean startsMembership, boolean endsMembership) {

        static final Decision IGNORE = new Decision(false, false, false);
    }

    public static Decision decide(Held held, Incoming incoming) {
        if (!isNewer(held, incoming)) {
            return Decision.IGNORE;
        }
        if (incoming.removal()) {
            return new Decision(true, false, true);
        }
        boolean wasActiveUnderSameMembership =
                held != null && !held.removed() && incoming.membershipId().equals(held.membershipId());
        return new Decision(true, !wasActiveUnderSameMembership, false);
    }

    static boolean isNewer(Held held, Incoming incoming) {
        if (held == null || held.membershipId() == null) {
            return true;
        }
        int byMembership = compareUnsigned(incoming.membershipId(), held.membershipId());
        if (byMembership != 0) {
            return byMembership > 0;
        }
        if (held.removed()) {
            return false;
        }
        return incoming.removal() ? incoming.revision() >= held.revision() : incoming.revision() > held.revision();
    }

    /** Byte order of the 16 bytes (java.util.UUID#compareTo compares signed longs, which is not). */
    public static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private MembershipOrdering() {}
}
