package dev.connectnow.auth.throttle;

import dev.connectnow.chassis.web.ApiException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login and registration throttling, stored in PostgreSQL so every replica sees the same counters.
 *
 * <p>A login first <em>reserves</em> a slot in the account's and the client address's windows (under
 * advisory locks, so concurrent guesses cannot all slip past the limit), then verifies the password. A
 * failed attempt simply keeps its reservation: that is the failure counter. A successful one gives its
 * address slot back and clears the account's failures; the address counter is not cleared, or one valid
 * account would let an attacker reset it. Refused attempts (429) reserve nothing, so {@code Retry-After}
 * is exact and waiting it out always helps.
 */
@Component
public class AttemptThrottle {

    static final String ACCOUNT = "login-account";
    static final String ADDRESS = "login-ip";
    static final String REGISTRATION = "register-ip";
    static final int MAX_SUBJECT_LENGTH = 320;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SlidingWindow perAccount;
    private final SlidingWindow perAddress;
    private final SlidingWindow registrations;

    public AttemptThrottle(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            Clock clock,
            ThrottleProperties settings) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.perAccount = new SlidingWindow(settings.loginFailuresPerAccount(), settings.loginWindow());
        this.perAddress = new SlidingWindow(settings.loginFailuresPerIp(), settings.loginWindow());
        this.registrations = new SlidingWindow(settings.registrationsPerIp(), settings.registrationWindow());
    }

    /**
     * Reserves one attempt of checking a password for the account (a user id, or the login text when no
     * such user exists) from the client address, or refuses with 429 and {@code Retry-After}.
     */
    public Reservation reservePasswordAttempt(String accountKey, String clientAddress) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            lock(ACCOUNT, accountKey);
            lock(ADDRESS, clientAddress);
            SlidingWindow.Decision decision = perAccount
                    .decide(recent(ACCOUNT, accountKey, perAccount, now), now)
                    .and(perAddress.decide(recent(ADDRESS, clientAddress, perAddress, now), now));
            if (!decision.allowed()) {
                throw ApiException.tooManyRequests(
                        "Too many failed sign-in attempts; try again later", decision.retryAfter());
            }
            return new Reservation(accountKey, insert(ACCOUNT, accountKey, now), insert(ADDRESS, clientAddress, now));
        });
    }

    /** The password was right: the account starts afresh and the address gets its slot back. */
    public void succeeded(Reservation reservation) {
        jdbc.update(
                "delete from throttle_attempts where scope = ? and subject = ?",
                ACCOUNT,
                bounded(reservation.accountKey()));
        jdbc.update("delete from throttle_attempts where id = ?", reservation.addressAttemptId());
    }

    /** Counts a registration from the client address, or refuses with 429 when it has made too many. */
    public void reserveRegistration(String clientAddress) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            lock(REGISTRATION, clientAddress);
            SlidingWindow.Decision decision =
                    registrations.decide(recent(REGISTRATION, clientAddress, registrations, now), now);
            if (!decision.allowed()) {
                throw ApiException.tooManyRequests(
                        "Too many registrations from this address; try again later", decision.retryAfter());
            }
            insert(REGISTRATION, clientAddress, now);
        });
    }

    /** Forgets attempts older than any window; run by the housekeeping job. */
    public int purgeOlderThan(Duration age) {
        return jdbc.update(
                "delete from throttle_attempts where attempted_at < ?",
                Timestamp.from(clock.instant().minus(age)));
    }

    /** The longest window configured: attempts older than that can be deleted. */
    public Duration longestWindow() {
        Duration longest = perAccount.window();
        for (SlidingWindow w : List.of(perAddress, registrations)) {
            if (w.window().compareTo(longest) > 0) {
                longest = w.window();
            }
        }
        return longest;
    }

    /** Keys are compared as stored; anything longer than the column is cut the same way everywhere. */
    private static String bounded(String subject) {
        return subject.length() <= MAX_SUBJECT_LENGTH ? subject : subject.substring(0, MAX_SUBJECT_LENGTH);
    }

    private void lock(String scope, String subject) {
        // two-key form: the scope keeps the key spaces apart; collisions only make unrelated keys wait
        jdbc.queryForObject(
                "select pg_advisory_xact_lock(hashtext(?), hashtext(?))::text", String.class, scope, bounded(subject));
    }

    private List<Instant> recent(String scope, String subject, SlidingWindow window, Instant now) {
        return new ArrayList<>(jdbc.query(
                """
                        select attempted_at from throttle_attempts
                        where scope = ? and subject = ? and attempted_at > ?
                        order by attempted_at desc limit ?""",
                (rs, i) -> rs.getTimestamp(1).toInstant(),
                scope,
                bounded(subject),
                Timestamp.from(window.horizon(now)),
                window.limit()));
    }

    private long insert(String scope, String subject, Instant now) {
        String key = bounded(subject);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "insert into throttle_attempts (scope, subject, attempted_at) values (?, ?, ?)",
                            new String[] {"id"});
                    statement.setString(1, scope);
                    statement.setString(2, key);
                    statement.setTimestamp(3, Timestamp.from(now));
                    return statement;
                },
                keys);
        return Objects.requireNonNull(keys.getKey()).longValue();
    }

    /** A reserved password attempt, counted as a failure unless {@link #succeeded} returns it. */
    public record Reservation(String accountKey, long accountAttemptId, long addressAttemptId) {}
}
