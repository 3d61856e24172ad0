package dev.connectnow.auth.sso;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The replay window without nonces: every provider token that signed in or linked an account is remembered by
 * the SHA-256 of its payload until it expires, and presenting it again is refused. The payload, not the whole
 * token, is the key, because a second valid signature over the same claims can be made without the provider's
 * key (ECDSA signatures are malleable) while the claims cannot be changed.
 */
@Component
class ExchangedTokens {

    private static final Logger log = LoggerFactory.getLogger(ExchangedTokens.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ExchangedTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the token in the caller's transaction; false when it was used before. A concurrent first use of
     * the same token waits on the primary key and then sees it taken.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean firstUse(byte[] fingerprint, Instant rememberUntil) {
        return jdbc.update(
                        "insert into exchanged_subject_tokens (fingerprint, expires_at) values (?, ?) "
                                + "on conflict do nothing",
                        fingerprint,
                        Timestamp.from(rememberUntil))
                == 1;
    }

    @Scheduled(
            fixedDelayString = "${connectnow.auth.housekeeping.interval:10m}",
            initialDelayString = "${connectnow.auth.housekeeping.interval:10m}")
    void purgeExpired() {
        int purged = jdbc.update(
                "delete from exchanged_subject_tokens where expires_at < ?", Timestamp.from(clock.instant()));
        if (purged > 0) {
            log.debug("Housekeeping removed {} expired exchanged-token fingerprint(s)", purged);
        }
    }
}
