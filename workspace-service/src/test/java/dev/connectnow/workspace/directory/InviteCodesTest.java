package dev.connectnow.workspace.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InviteCodesTest {

    @Test
    void codesAreUrlSafeAndCarryAtLeast128RandomBits() {
        assertThat(InviteCodes.RANDOM_BYTES * 8).isGreaterThanOrEqualTo(128);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = InviteCodes.next();
            assertThat(code).matches("[A-Za-z0-9_-]{24}").hasSizeLessThanOrEqualTo(InviteCodes.MAX_LENGTH);
            seen.add(code);
        }
        assertThat(seen).hasSize(2000);
    }
}
