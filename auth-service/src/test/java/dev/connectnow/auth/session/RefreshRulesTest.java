package dev.connectnow.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.user.UserEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofDays(30);
    private static final Duration MAX = Duration.ofDays(90);

    @Test
    void aLiveSessionRotatesAndSlidesItsExpiry() {
        RefreshRotation.Decision decision =
                RefreshRotation.decide(live(NOW.minus(Duration.ofDays(2))), null, NOW, TTL, MAX);
        assertThat(decision).isEqualTo(new RefreshRotation.Rotate(NOW.plus(TTL)));
    }

    @Test
    void theSlidingExpiryNeverPassesTheAbsoluteLifetime() {
        Instant created = NOW.minus(Duration.ofDays(80));
        assertThat(RefreshRotation.nextExpiry(created, NOW, TTL, MAX)).isEqualTo(created.plus(MAX));
        assertThat(RefreshRotation.nextExpiry(NOW, NOW, TTL, MAX)).isEqualTo(NOW.plus(TTL));
    }

    @Test
    void aSpentTokenRevokesItsSession() {
        UUID session = UUID.randomUUID();
        assertThat(RefreshRotation.decide(null, session, NOW, TTL, MAX))
                .isEqualTo(new RefreshRotation.RevokeForReuse(session));
    }

    @Test
    void endedSessionsBannedUsersAndUnknownTokensAreRefused() {
        Instant created = NOW.minus(Duration.ofDays(1));
        assertThat(RefreshRotation.decide(
                        new RefreshRotation.LiveState(created, NOW.plusSeconds(60), NOW, false), null, NOW, TTL, MAX))
                .isInstanceOf(RefreshRotation.Refuse.class);
        assertThat(RefreshRotation.decide(
                        new RefreshRotation.LiveState(created, NOW, null, false), null, NOW, TTL, MAX))
                .isInstanceOf(RefreshRotation.Refuse.class);
        assertThat(RefreshRotation.decide(
                        new RefreshRotation.LiveState(created, NOW.plusSeconds(60), null, true), null, NOW, TTL, MAX))
                .isInstanceOf(RefreshRotation.Refuse.class);
        assertThat(RefreshRotation.decide(null, null, NOW, TTL, MAX)).isInstanceOf(RefreshRotation.Refuse.class);
    }

    @Test
    void refreshTokensAre256RandomBitsStoredAsSha256() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = RefreshTokens.generate();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(RefreshTokens.wellFormed(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
        String token = RefreshTokens.generate();
        assertThat(RefreshTokens.hash(token)).hasSize(32).isEqualTo(RefreshTokens.hash(token));
        assertThat(RefreshTokens.hash(token)).isNotEqualTo(RefreshTokens.hash(RefreshTokens.generate()));
        assertThat(RefreshTokens.wellFormed("eyJhbGciOiJSUzI1NiJ9.e30.sig")).isFalse();
        assertThat(RefreshTokens.wellFormed(null)).isFalse();
    }

    @Test
    void everyRevokeReasonHasItsEventCounterpart() {
        assertThat(Arrays.stream(RevokeReason.values()).map(RevokeReason::event))
                .containsExactly(UserEvents.RevocationReason.values());
    }

    @Test
    void clientInfoIsCutToTheColumnSizesAtCodePointBoundaries() {
        ClientInfo info = new ClientInfo("1".repeat(100), "🦄".repeat(600) + "\u0000");
        assertThat(info.ipAddress()).hasSize(64);
        assertThat(info.userAgent().codePointCount(0, info.userAgent().length()))
                .isEqualTo(512);
        assertThat(info.userAgent()).doesNotContain("\u0000");
        assertThat(new ClientInfo(null, null).userAgent()).isNull();
    }

    private static RefreshRotation.LiveState live(Instant created) {
        return new RefreshRotation.LiveState(created, NOW.plus(Duration.ofDays(10)), null, false);
    }
}
