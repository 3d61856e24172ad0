package dev.connectnow.dm.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParticipantsTest {

    private static final UUID LOW = UUID.fromString("10000000-0000-7000-8000-000000000000");
    private static final UUID HIGH = UUID.fromString("f0000000-0000-7000-8000-000000000000");

    @Test
    void thePairIsTheSameWhoeverStarts() {
        assertThat(Participants.of(LOW, HIGH)).isEqualTo(Participants.of(HIGH, LOW));
        assertThat(Participants.of(HIGH, LOW).userA()).isEqualTo(LOW);
        assertThat(Participants.of(HIGH, LOW).asList()).containsExactly(LOW, HIGH);
    }

    @Test
    void ordersAsPostgresqlDoesNotAsUuidCompareTo() {
        assertThat(HIGH.compareTo(LOW)).as("signed: f0... is negative").isNegative();
        assertThat(Participants.compare(HIGH, LOW)).isPositive();
        UUID sameHighBits = UUID.fromString("10000000-0000-7000-f000-000000000000");
        assertThat(Participants.compare(LOW, sameHighBits)).isNegative();
        assertThat(Participants.compare(LOW, UUID.fromString(LOW.toString()))).isZero();
    }

    @Test
    void twoDifferentUsersInOrderOnly() {
        assertThatThrownBy(() -> Participants.of(LOW, LOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Participants(HIGH, LOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOtherParticipant() {
        Participants pair = Participants.of(LOW, HIGH);
        assertThat(pair.otherThan(LOW)).isEqualTo(HIGH);
        assertThat(pair.otherThan(HIGH)).isEqualTo(LOW);
        assertThat(pair.includes(LOW)).isTrue();
        assertThat(pair.includes(UUID.randomUUID())).isFalse();
        assertThatThrownBy(() -> pair.otherThan(UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
    }
}
