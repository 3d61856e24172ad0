package dev.connectnow.auth.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** auth-service's knobs under {@code connectnow.auth.*}; each one is also settable by environment variable. */
@ConfigurationProperties(prefix = "connectnow.auth")
public class AuthProperties {

    /** Lifetime of an access token (its {@code exp - iat}); also the answer's {@code expiresIn}. */
    private Duration accessTokenTtl = Duration.ofMinutes(15);
    /** A session expires this long after its last refresh (sliding). */
    private Duration sessionTtl = Duration.ofDays(30);
    /** ... but never later than this after the login that opened it. */
    private Duration maxSessionLifetime = Duration.ofDays(90);
    /** Active sessions a user may hold; a login beyond it ends the least recently active one. */
    private int maxSessionsPerUser = 50;
    /** Platform admins, by username or user id. */
    private List<String> admins = new ArrayList<>();

    private final SigningKey signingKey = new SigningKey();
    private final Throttle throttle = new Throttle();
    private final Housekeeping housekeeping = new Housekeeping();

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public Duration getSessionTtl() {
        return sessionTtl;
    }

    public void setSessionTtl(Duration sessionTtl) {
        this.sessionTtl = sessionTtl;
    }

    public Duration getMaxSessionLifetime() {
        return maxSessionLifetime;
    }

    public void setMaxSessionLifetime(Duration maxSessionLifetime) {
        this.maxSessionLifetime = maxSessionLifetime;
    }

    public int getMaxSessionsPerUser() {
        return maxSessionsPerUser;
    }

    public void setMaxSessionsPerUser(int maxSessionsPerUser) {
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    public List<String> getAdmins() {
        return admins;
    }

    public void setAdmins(List<String> admins) {
        this.admins = admins;
    }

    public SigningKey getSigningKey() {
        return signingKey;
    }

    public Throttle getThrottle() {
        return throttle;
    }

    public Housekeeping getHousekeeping() {
        return housekeeping;
    }

    /** Each value is PEM text or a resource location ({@code file:...}, {@code classpath:...}). */
    public static class SigningKey {
        /** PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) of the current RSA signing key. */
        private String privateKey;
        /** X.509 PEM ({@code BEGIN PUBLIC KEY}) of the same key; optional, checked against the private key. */
        private String publicKey;
        /** Public keys of retired signing keys, still published and accepted during a rotation. */
        private List<String> retiredPublicKeys = new ArrayList<>();

        public String getPrivateKey() {
            return privateKey;
        }

        public void setPrivateKey(String privateKey) {
            this.privateKey = privateKey;
        }

        public String getPublicKey() {
            return publicKey;
        }

        public void setPublicKey(String publicKey) {
            this.publicKey = publicKey;
        }

        public List<String> getRetiredPublicKeys() {
            return retiredPublicKeys;
        }

        public void setRetiredPublicKeys(List<String> retiredPublicKeys) {
            this.retiredPublicKeys = retiredPublicKeys;
        }
    }

    public static class Throttle {
        /** Failed logins for one account within the login window before further attempts get 429. */
        private int loginFailuresPerAccount = 5;
        /** Failed logins from one client address within the login window before further attempts get 429. */
        private int loginFailuresPerIp = 20;

        private Duration loginWindow = Duration.ofMinutes(15);
        /** Registrations from one client address within the registration window. */
        private int registrationsPerIp = 30;

        private Duration registrationWindow = Duration.ofHours(1);

        public int getLoginFailuresPerAccount() {
            return loginFailuresPerAccount;
        }

        public void setLoginFailuresPerAccount(int loginFailuresPerAccount) {
            this.loginFailuresPerAccount = loginFailuresPerAccount;
        }

        public int getLoginFailuresPerIp() {
            return loginFailuresPerIp;
        }

        public void setLoginFailuresPerIp(int loginFailuresPerIp) {
            this.loginFailuresPerIp = loginFailuresPerIp;
        }

        public Duration getLoginWindow() {
            return loginWindow;
        }

        public void setLoginWindow(Duration loginWindow) {
            this.loginWindow = loginWindow;
        }

        public int getRegistrationsPerIp() {
            return registrationsPerIp;
        }

        public void setRegistrationsPerIp(int registrationsPerIp) {
            this.registrationsPerIp = registrationsPerIp;
        }

        public Duration getRegistrationWindow() {
            return registrationWindow;
        }

        public void setRegistrationWindow(Duration registrationWindow) {
            this.registrationWindow = registrationWindow;
        }
    }

    public static class Housekeeping {
        private Duration interval = Duration.ofMinutes(10);
        /** How long revoked or expired sessions are kept (for operators) before they are deleted. */
        private Duration endedSessionRetention = Duration.ofDays(30);

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getEndedSessionRetention() {
            return endedSessionRetention;
        }

        public void setEndedSessionRetention(Duration endedSessionRetention) {
            this.endedSessionRetention = endedSessionRetention;
        }
    }
}
