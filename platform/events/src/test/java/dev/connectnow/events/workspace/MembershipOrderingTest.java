package dev.connectnow.events.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.workspace.MembershipOrdering.Decision;
import dev.connectnow.events.workspace.MembershipOrdering.Held;
import dev.connectnow.events.workspace.MembershipOrdering.Incoming;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The apply-or-ignore decision of the workspace membership projection, without Spring. */
class MembershipOrderingTest {

    // UUIDv7 values written out so the order is explicit: M1 joined before M2
    private static final UUID M1 = UUID.fromString("01900000-0000-7000-8000-000000000001");
    private static final UUID M2 = UUID.fromString("01900000-0001-7000-8000-000000000000");

    private static Incoming add(UUID membership, long revision) {
        return new Incoming(membership, revision, false);
    }

    private static Incoming remove(UUID membership, long revision) {
        return new Incoming(membership, revision, true);
    }

    private static Held active(UUID membership, long revision) {
        return new Held(membership, revision, false);
    }

    private static Held tombstone(UUID membership, long revision) {
        return new Held(membership, revision, true);
    }

    @Test
    void theFirstEventForAUserIsApplied() {
        assertThat(MembershipOrdering.decide(null, add(M1, 1))).isEqualTo(new Decision(true, true, false));
        assertThat(MembershipOrdering.decide(null, remove(M1, 2))).isEqualTo(new Decision(true, false, true));
    }

    @Test
    void duplicatesAndOlderRevisionsOfTheSameMembershipAreIgnored() {
        assertThat(MembershipOrdering.decide(active(M1, 2), add(M1, 2)).apply()).isFalse();
        assertThat(MembershipOrdering.decide(active(M1, 2), add(M1, 1)).apply()).isFalse();
    }

    @Test
    void aNewerRevisionUpdatesWithoutStartingAMembership() {
        assertThat(MembershipOrdering.decide(active(M1, 1), add(M1, 2))).isEqualTo(new Decision(true, false, false));
    }

    @Test
    void aRemovalIsAppliedEvenAtTheRevisionAlreadyHeld() {
        assertThat(MembershipOrdering.decide(active(M1, 3), remove(M1, 3))).isEqualTo(new Decision(true, false, true));
        assertThat(MembershipOrdering.decide(active(M1, 3), remove(M1, 2)).apply())
                .isFalse();
    }

    @Test
    void aTombstoneIsFinalForItsMembership() {
        assertThat(MembershipOrdering.decide(tombstone(M1, 2), add(M1, 1)).apply())
                .isFalse();
        assertThat(MembershipOrdering.decide(tombstone(M1, 2), add(M1, 5)).apply())
                .isFalse();
        assertThat(MembershipOrdering.decide(tombstone(M1, 2), remove(M1, 2)).apply())
                .isFalse();
        assertThat(MembershipOrdering.decide(tombstone(M1, 2), remove(M1, 3)).apply())
                .isFalse();
    }

    @Test
    void olderMembershipsChangeNothing() {
        assertThat(MembershipOrdering.decide(active(M2, 1), add(M1, 9)).apply()).isFalse();
        assertThat(MembershipOrdering.decide(active(M2, 1), remove(M1, 9)).apply())
                .isFalse();
        assertThat(MembershipOrdering.decide(tombstone(M2, 2), add(M1, 9)).apply())
                .isFalse();
    }

    @Test
    void aNewerMembershipRestoresAccessAfterATombstone() {
        assertThat(MembershipOrdering.decide(tombstone(M1, 2), add(M2, 1))).isEqualTo(new Decision(true, true, false));
        assertThat(MembershipOrdering.decide(active(M1, 1), add(M2, 1))).isEqualTo(new Decision(true, true, false));
        assertThat(MembershipOrdering.decide(active(M1, 1), remove(M2, 2))).isEqualTo(new Decision(true, false, true));
    }

    @Test
    void theProvisionalOwnerRowYieldsToAnyRealEvent() {
        Held provisional = new Held(null, -1, false);
        assertThat(MembershipOrdering.decide(provisional, add(M1, 1))).isEqualTo(new Decision(true, true, false));
        assertThat(MembershipOrdering.decide(provisional, remove(M1, 1)).endsMembership())
                .isTrue();
    }

    @Test
    void uuidOrderIsUnsignedByteOrderUnlikeUuidCompareTo() {
        UUID low = UUID.fromString("7fffffff-ffff-7fff-8fff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-7000-8000-000000000000");
        assertThat(low.compareTo(high)).as("java.util.UUID compares signed").isPositive();
        assertThat(MembershipOrdering.compareUnsigned(low, high)).isNegative();
        UUID lowTail = UUID.fromString("01900000-0000-7000-7fff-ffffffffffff");
        UUID highTail = UUID.fromString("01900000-0000-7000-8000-000000000000");
        assertThat(MembershipOrdering.compareUnsigned(lowTail, highTail)).isNegative();
        assertThat(MembershipOrdering.compareUnsigned(M1, M2)).isNegative();
        assertThat(MembershipOrdering.compareUnsigned(M2, M2)).isZero();
    }
}
