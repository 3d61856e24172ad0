package dev.connectnow.auth.throttle;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.auth.support.Accounts;
import dev.connectnow.auth.support.Accounts.Account;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ServiceIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * S11: failed logins are throttled per account (5 / 15 min) and per client address (20 / 15 min), the
 * client address being the hop our gateway appended to X-Forwarded-For, so entries a client forges to
 * its left change nothing. Registrations are limited per address (lowered to 3 here).
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "connectnow.auth.throttle.registrations-per-ip=3")
class ThrottleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Accounts accounts;
    ApiClient api;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(port);
        api = accounts.api();
    }

    @Test
    void anAccountIsLockedAfterFiveFailuresWhateverTheAddress() {
        Account account = accounts.register();

        for (int i = 0; i < 5; i++) {
            assertProblem(login(account.username(), "wrong password " + i, Accounts.freshAddress()), 401);
        }
        // the right password from yet another address does not get through either
        ApiClient.Response blocked = login(account.email(), account.password(), Accounts.freshAddress());
        assertProblem(blocked, 429);
        long retryAfter = Long.parseLong(blocked.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 15 * 60L);

        // once the window has passed (simulated by ageing the recorded failures) the user is back
        jdbc.update(
                "update throttle_attempts set attempted_at = attempted_at - interval '16 minutes' "
                        + "where subject = ?",
                account.id().toString());
        assertThat(login(account.username(), account.password(), Accounts.freshAddress())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        Account account = accounts.register();
        String address = Accounts.freshAddress();

        for (int i = 0; i < 4; i++) {
            assertProblem(login(account.username(), "wrong " + i, address), 401);
        }
        assertThat(login(account.username(), account.password(), address).status())
                .isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertProblem(login(account.username(), "wrong again " + i, address), 401);
        }
        assertThat(login(account.username(), account.password(), address).status())
                .isEqualTo(200);
    }

    @Test
    void unknownAccountsAreThrottledLikeKnownOnes() {
        String login = "nobody-" + Accounts.uniqueUsername("x") + "@example.com";
        for (int i = 0; i < 5; i++) {
            assertProblem(login(login, "guess " + i, Accounts.freshAddress()), 401);
        }
        assertProblem(login(login.toUpperCase(), "guess 6", Accounts.freshAddress()), 429);
    }

    @Test
    void anAddressIsBlockedAfterTwentyFailuresAndSpoofedHopsDoNotReset() {
        String gatewaySeen = "198.51.100.201";
        Account innocent = accounts.register();

        // 20 failures over many accounts (4 each, so no account lock), each with a different forged first hop
        for (int i = 0; i < 20; i++) {
            String login = "spray-" + (i / 4) + "-" + gatewaySeen;
            assertProblem(login(login, "guess " + i, "10.9.8." + i + ", " + gatewaySeen), 401);
        }
        ApiClient.Response blocked = login(innocent.username(), innocent.password(), "172.16.0.99, " + gatewaySeen);
        assertProblem(blocked, 429);
        assertThat(blocked.header("Retry-After")).isPresent();
        assertProblem(login(innocent.username(), innocent.password(), "1.1.1.1, 2.2.2.2, " + gatewaySeen), 429);

        // another client address is unaffected
        assertThat(login(innocent.username(), innocent.password(), "198.51.100.202")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void registrationsArePerAddressLimited() {
        String address = "198.51.100.150";
        for (int i = 0; i < 3; i++) {
            assertThat(register(address).status()).isEqualTo(201);
        }
        ApiClient.Response blocked = register("7.7.7.7, " + address);
        assertProblem(blocked, 429);
        assertThat(Long.parseLong(blocked.header("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(register("198.51.100.151").status()).isEqualTo(201);
    }

    private ApiClient.Response login(String login, String password, String forwardedFor) {
        return api.withHeader("X-Forwarded-For", forwardedFor)
                .post("/api/auth/login", Map.of("login", login, "password", password));
    }

    private ApiClient.Response register(String forwardedFor) {
        String username = Accounts.uniqueUsername("thr");
        return api.withHeader("X-Forwarded-For", forwardedFor)
                .post(
                        "/api/auth/register",
                        Map.of(
                                "email",
                                username + "@example.com",
                                "username",
                                username,
                                "password",
                                Accounts.PASSWORD,
                                "displayName",
                                "T"));
    }
}
