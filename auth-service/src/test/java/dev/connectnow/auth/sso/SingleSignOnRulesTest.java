package dev.connectnow.auth.sso;

import static dev.connectnow.auth.sso.LinkingRules.NewIdentity.CONFLICT;
import static dev.connectnow.auth.sso.LinkingRules.NewIdentity.LINK_EXISTING_ACCOUNT;
import static dev.connectnow.auth.sso.LinkingRules.NewIdentity.PROVISION_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.auth.user.Usernames;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SingleSignOnRulesTest {

    @Test
    void anExistingAccountIsLinkedOnlyByATrustedProvidersVerifiedAddress() {
        assertThat(LinkingRules.forNewIdentity(true, true, true)).isEqualTo(LINK_EXISTING_ACCOUNT);
        assertThat(LinkingRules.forNewIdentity(true, false, true)).isEqualTo(CONFLICT);
        assertThat(LinkingRules.forNewIdentity(false, true, true)).isEqualTo(CONFLICT);
        assertThat(LinkingRules.forNewIdentity(false, false, true)).isEqualTo(CONFLICT);
        for (boolean trusted : new boolean[] {true, false}) {
            for (boolean verified : new boolean[] {true, false}) {
                assertThat(LinkingRules.forNewIdentity(trusted, verified, false))
                        .isEqualTo(PROVISION_ACCOUNT);
            }
        }
    }

    @Test
    void theLastWayToSignInCannotBeUnlinked() {
        assertThat(LinkingRules.mayUnlink(true, 1)).isTrue();
        assertThat(LinkingRules.mayUnlink(false, 2)).isTrue();
        assertThat(LinkingRules.mayUnlink(false, 1)).isFalse();
    }

    @Test
    void usernamesComeFromTheClaimsAndAreAlwaysValid() {
        assertThat(ProvisionedProfile.usernameBase("Alice", "x@example.org", "Bob"))
                .isEqualTo("alice");
        assertThat(ProvisionedProfile.usernameBase("alice.smith@example.org", null, null))
                .isEqualTo("alice.smith");
        assertThat(ProvisionedProfile.usernameBase(null, "carol@example.org", "Carol C"))
                .isEqualTo("carol");
        assertThat(ProvisionedProfile.usernameBase(" ", null, "Ada Lovelace")).isEqualTo("ada_lovelace");
        assertThat(ProvisionedProfile.usernameBase("Jürgen Müller", null, null)).isEqualTo("jurgen_muller");
        assertThat(ProvisionedProfile.usernameBase("--x--", null, null)).isEqualTo("user");
        assertThat(ProvisionedProfile.usernameBase("王小明", null, null)).isEqualTo("user");
        assertThat(ProvisionedProfile.usernameBase(null, null, null)).isEqualTo("user");
        assertThat(ProvisionedProfile.usernameBase("KELVIN\u212A", null, null)).isEqualTo("kelvink");
        String longName = ProvisionedProfile.usernameBase("a".repeat(31) + ".b", null, null);
        assertThat(longName).isEqualTo("a".repeat(31));
        for (String input : List.of("Alice", "Jürgen Müller", "a".repeat(40), "x", "\u0000\u202Eevil", "a..b")) {
            String base = ProvisionedProfile.usernameBase(input, null, null);
            assertThat(Usernames.isValid(base)).as(input).isTrue();
            assertThat(base).isEqualTo(base.toLowerCase());
        }
    }

    @Test
    void takenUsernamesGetNumberedThenRandomSuffixesWithinTheLimit() {
        List<String> candidates = ProvisionedProfile.usernameCandidates("a".repeat(32), new Random(7));
        assertThat(candidates).hasSize(9).doesNotHaveDuplicates();
        assertThat(candidates.subList(0, 4))
                .containsExactly("a".repeat(32), "a".repeat(30) + "-2", "a".repeat(30) + "-3", "a".repeat(30) + "-4");
        assertThat(candidates)
                .allSatisfy(candidate ->
                        assertThat(Usernames.isValid(candidate)).as(candidate).isTrue());
        assertThat(ProvisionedProfile.usernameCandidates("bob", new Random(1)).get(4))
                .matches("bob-[a-z0-9]{6}");
    }

    @Test
    void displayNamesPreferTheFullNameAndStayWithinTheLimit() {
        assertThat(ProvisionedProfile.displayName("Ada Lovelace", "A", "L", "ada", "ada"))
                .isEqualTo("Ada Lovelace");
        assertThat(ProvisionedProfile.displayName(null, "Ada", "Lovelace", "ada", "ada"))
                .isEqualTo("Ada Lovelace");
        assertThat(ProvisionedProfile.displayName(" ", "Ada", null, "ada", "ada"))
                .isEqualTo("Ada");
        assertThat(ProvisionedProfile.displayName(null, null, null, "ada.l", "ada_l"))
                .isEqualTo("ada.l");
        assertThat(ProvisionedProfile.displayName(null, null, null, null, "user-2"))
                .isEqualTo("user-2");
        assertThat(ProvisionedProfile.displayName("Ada\u0000\n  \u202ELovelace", null, null, null, "x"))
                .isEqualTo("Ada Lovelace");
        String long64 = ProvisionedProfile.displayName("🦄".repeat(70), null, null, null, "x");
        assertThat(long64.codePointCount(0, long64.length())).isEqualTo(64);
    }
}
