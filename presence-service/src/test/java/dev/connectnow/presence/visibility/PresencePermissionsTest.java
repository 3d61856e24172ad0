package dev.connectnow.presence.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.access.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresencePermissionsTest {

    @ParameterizedTest(name = "self={0} workspace={1} conversation={2} -> {3}")
    @CsvSource({
        "true,  false, false, ALLOW",
        "false, true,  false, ALLOW",
        "false, false, true,  ALLOW",
        "false, true,  true,  ALLOW",
        "true,  true,  true,  ALLOW",
        "false, false, false, NOT_FOUND"
    })
    void presenceIsVisibleToOneselfCoMembersAndConversationPartnersOnly(
            boolean self, boolean sharesWorkspace, boolean sharesConversation, Verdict.Outcome expected) {
        assertThat(PresencePermissions.view(self, sharesWorkspace, sharesConversation))
                .isEqualTo(expected == Verdict.Outcome.ALLOW ? Verdict.allow() : Verdict.notFound());
    }
}
