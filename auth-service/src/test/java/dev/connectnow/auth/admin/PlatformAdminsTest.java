package dev.connectnow.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlatformAdminsTest {

    private static final UUID ADMIN_ID = UUID.fromString("0190a5d2-0000-7000-8000-000000000001");

    @Test
    void adminsAreNamedByUsernameInAnyCaseOrById() {
        PlatformAdmins admins =
                new PlatformAdmins(List.of(" RootAdmin ", ADMIN_ID.toString().toUpperCase()));
        assertThat(admins.includes(UUID.randomUUID(), "rootadmin")).isTrue();
        assertThat(admins.includes(ADMIN_ID, "someone")).isTrue();
        assertThat(admins.includes(UUID.randomUUID(), "someone")).isFalse();
        assertThat(admins.includes(UUID.randomUUID(), null)).isFalse();
    }

    @Test
    void blankEntriesGrantNothing() {
        PlatformAdmins admins = new PlatformAdmins(Arrays.asList("", "  ", null));
        assertThat(admins.includes(UUID.randomUUID(), "")).isFalse();
    }
}
