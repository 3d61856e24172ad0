package dev.connectnow.auth.throttle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Login and registration throttling, under {@code connectnow.auth.throttle}.
 *
 * @param loginFailuresPerAccount failed logins for one account within the login window before further attempts
 *                                get 429
 * @param loginFailuresPerIp      failed logins from one client address within the login window before further
 *                                attempts get 429
 * @param loginWindow             the sliding window of both login limits
 * @param registrationsPerIp      registrations from one client address within the registration window
 * @param registrationWindow      the sliding window of the registration limit
 */
@ConfigurationProperties(prefix = "connectnow.auth.throttle")
public record ThrottleProperties(
        int loginFailuresPerAccount,
        int loginFailuresPerIp,
        Duration loginWindow,
        int registrationsPerIp,
        Duration registrationWindow) {

    public ThrottleProperties {
        loginFailuresPerAccount = loginFailuresPerAccount <= 0 ? 5 : loginFailuresPerAccount;
        loginFailuresPerIp = loginFailuresPerIp <= 0 ? 20 : loginFailuresPerIp;
        loginWindow = loginWindow == null ? Duration.ofMinutes(15) : loginWindow;
        registrationsPerIp = registrationsPerIp <= 0 ? 30 : registrationsPerIp;
        registrationWindow = registrationWindow == null ? Duration.ofHours(1) : registrationWindow;
    }
}
