package dev.connectnow.dm.conversation;

import static dev.connectnow.dm.conversation.ConversationPermissions.CALLER_BANNED;
import static dev.connectnow.dm.conversation.ConversationPermissions.NOT_SENDER;
import static dev.connectnow.dm.conversation.ConversationPermissions.READ_ONLY;
import static dev.connectnow.dm.conversation.ConversationPermissions.RECIPIENT_BANNED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.access.Verdict;
import dev.connectnow.dm.conversation.ConversationPermissions.Action;
import org.junit.jupiter.api.Test;

/** Every combination of action, participation, authorship and bans, against the rules in the class comment. */
class ConversationPermissionsTest {

    private static final boolean[] BOTH = {false, true};

    @Test
    void everyCombinationFollowsTheRules() {
        int checked = 0;
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
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(Action.values().length * 16);
    }

    /** The rules written out action by action, independently of the implementation's order of checks. */
    private static Verdict expected(
            Action action, boolean participant, boolean sender, boolean callerBanned, boolean otherBanned) {
        if (!participant) {
            return Verdict.notFound();
        }
        return switch (action) {
            case VIEW -> Verdict.allow();
            case SEND ->
                callerBanned
                        ? Verdict.forbidden(CALLER_BANNED)
                        : otherBanned ? Verdict.forbidden(READ_ONLY) : Verdict.allow();
            case MARK_READ -> callerBanned ? Verdict.forbidden(CALLER_BANNED) : Verdict.allow();
            case EDIT_MESSAGE ->
                !sender
                        ? Verdict.forbidden(NOT_SENDER)
                        : callerBanned
                                ? Verdict.forbidden(CALLER_BANNED)
                                : otherBanned ? Verdict.forbidden(READ_ONLY) : Verdict.allow();
            case DELETE_MESSAGE ->
                !sender
                        ? Verdict.forbidden(NOT_SENDER)
                        : callerBanned ? Verdict.forbidden(CALLER_BANNED) : Verdict.allow();
        };
    }

    @Test
    void startingAConversationNeedsAKnownRecipientAndNoBan() {
        assertThat(ConversationPermissions.start(false, false, false)).isEqualTo(Verdict.notFound());
        assertThat(ConversationPermissions.start(false, true, true)).isEqualTo(Verdict.notFound());
        assertThat(ConversationPermissions.start(true, true, false)).isEqualTo(Verdict.forbidden(CALLER_BANNED));
        assertThat(ConversationPermissions.start(true, true, true)).isEqualTo(Verdict.forbidden(CALLER_BANNED));
        assertThat(ConversationPermissions.start(true, false, true)).isEqualTo(Verdict.forbidden(RECIPIENT_BANNED));
        assertThat(ConversationPermissions.start(true, false, false)).isEqualTo(Verdict.allow());
    }
}
