package dev.connectnow.dm.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.dm.conversation.ConversationPermissions.Access;
import dev.connectnow.dm.conversation.ConversationPermissions.Action;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Every combination of action, participation, authorship and bans, against the rules in the class comment. */
class ConversationPermissionsTest {

    private static final boolean[] BOTH = {false, true};

    @Test
    void everyCombinationFollowsTheRules() {
        for (Action action : Action.values()) {
            for (boolean participant : BOTH) {
                for (boolean sender : BOTH) {
                    for (boolean callerBanned : BOTH) {
                        for (boolean otherBanned : BOTH) {
                            assertThat(ConversationPermissions.decide(
                                            action, participant, sender, callerBanned, otherBanned))
                                    .as(
                                            "%s participant=%s sender=%s callerBanned=%s otherBanned=%s",
                                            action, participant, sender, callerBanned, otherBanned)
                                    .isEqualTo(expected(action, participant, sender, callerBanned, otherBanned));
                        }
                    }
                }
            }
        }
    }

    /** The rules written out case by case, independently of the implementation's order of checks. */
    private static Access expected(
            Action action, boolean participant, boolean sender, boolean callerBanned, boolean otherBanned) {
        if (!participant) {
            return Access.NOT_FOUND;
        }
        return switch (action) {
            case VIEW -> Access.ALLOW;
            case SEND -> callerBanned ? Access.CALLER_BANNED : otherBanned ? Access.READ_ONLY : Access.ALLOW;
            case MARK_READ -> callerBanned ? Access.CALLER_BANNED : Access.ALLOW;
            case EDIT_MESSAGE ->
                !sender
                        ? Access.NOT_SENDER
                        : callerBanned ? Access.CALLER_BANNED : otherBanned ? Access.READ_ONLY : Access.ALLOW;
            case DELETE_MESSAGE -> !sender ? Access.NOT_SENDER : callerBanned ? Access.CALLER_BANNED : Access.ALLOW;
        };
    }

    @Test
    void readingNeverDependsOnBansOrAuthorship() {
        for (boolean sender : BOTH) {
            for (boolean callerBanned : BOTH) {
                for (boolean otherBanned : BOTH) {
                    assertThat(ConversationPermissions.decide(Action.VIEW, true, sender, callerBanned, otherBanned))
                            .isEqualTo(Access.ALLOW);
                }
            }
        }
    }

    @Test
    void startingAConversationNeedsAKnownRecipientAndNoBan() {
        assertThat(ConversationPermissions.start(false, false, false)).isEqualTo(Access.UNKNOWN_USER);
        assertThat(ConversationPermissions.start(false, true, true)).isEqualTo(Access.UNKNOWN_USER);
        assertThat(ConversationPermissions.start(true, true, false)).isEqualTo(Access.CALLER_BANNED);
        assertThat(ConversationPermissions.start(true, true, true)).isEqualTo(Access.CALLER_BANNED);
        assertThat(ConversationPermissions.start(true, false, true)).isEqualTo(Access.RECIPIENT_BANNED);
        assertThat(ConversationPermissions.start(true, false, false)).isEqualTo(Access.ALLOW);
    }

    @Test
    void refusalsBecomeTheirProblems() {
        Access.ALLOW.require();
        for (Access refusal : EnumSet.complementOf(EnumSet.of(Access.ALLOW))) {
            HttpStatus expected = refusal == Access.NOT_FOUND || refusal == Access.UNKNOWN_USER
                    ? HttpStatus.NOT_FOUND
                    : HttpStatus.FORBIDDEN;
            assertThatThrownBy(refusal::require)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(expected));
        }
    }
}
