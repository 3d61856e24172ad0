package dev.connectnow.chassis.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The chassis' knobs, under {@code connectnow.*}; every one can be set by environment variable. */
@ConfigurationProperties(prefix = "connectnow")
public class ChassisProperties {

    private final Security security = new Security();
    private final Http http = new Http();
    private final Outbox outbox = new Outbox();
    private final Consumer consumer = new Consumer();

    public Security getSecurity() {
        return security;
    }

    public Http getHttp() {
        return http;
    }

    public Outbox getOutbox() {
        return outbox;
    }

    public Consumer getConsumer() {
        return consumer;
    }

    public static class Security {
        /** Expected {@code iss} of access tokens. */
        private String issuer = "connectnow";
        /** Audience every access token must carry. */
        private String audience = "connectnow";
        /** Where the signing keys are published; an {@code lb://} URI is resolved through discovery. */
        private String jwkSetUri = "lb://auth-service/.well-known/jwks.json";
        /** Tolerated clock difference between issuer and this service. */
        private Duration clockSkew = Duration.ofSeconds(30);
        /** Paths open without a token, as {@code /path/**} or {@code METHOD /path}. */
        private List<String> publicPaths = new ArrayList<>();
        /** How long a token whose signature was verified is remembered (claims are checked on every use). */
        private Duration verifiedTokenTtl = Duration.ofSeconds(60);
        /** How many verified tokens are remembered at most; 0 verifies every request's signature. */
        private long verifiedTokenCacheSize = 10_000;

        public String getIssuer() {
            return issuer;
        }

        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        public String getAudience() {
            return audience;
        }

        public void setAudience(String audience) {
            this.audience = audience;
        }

        public String getJwkSetUri() {
            return jwkSetUri;
        }

        public void setJwkSetUri(String jwkSetUri) {
            this.jwkSetUri = jwkSetUri;
        }

        public Duration getVerifiedTokenTtl() {
            return verifiedTokenTtl;
        }

        public void setVerifiedTokenTtl(Duration verifiedTokenTtl) {
            this.verifiedTokenTtl = verifiedTokenTtl;
        }

        public long getVerifiedTokenCacheSize() {
            return verifiedTokenCacheSize;
        }

        public void setVerifiedTokenCacheSize(long verifiedTokenCacheSize) {
            this.verifiedTokenCacheSize = verifiedTokenCacheSize;
        }

        public Duration getClockSkew() {
            return clockSkew;
        }

        public void setClockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
        }

        public List<String> getPublicPaths() {
            return publicPaths;
        }

        public void setPublicPaths(List<String> publicPaths) {
            this.publicPaths = publicPaths;
        }
    }

    public static class Http {
        /** Largest request body accepted; larger ones get 413 before they are read. */
        private DataSize maxBodySize = DataSize.ofKilobytes(256);
        /**
         * How many reverse proxies (the gateway, an ingress) append to X-Forwarded-For in front of this
         * service. The client address is the entry that many places from the right; anything further left
         * was written by the client and is not trusted.
         */
        private int trustedProxies = 1;

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public int getTrustedProxies() {
            return trustedProxies;
        }

        public void setTrustedProxies(int trustedProxies) {
            this.trustedProxies = trustedProxies;
        }
    }

    public static class Outbox {
        private boolean enabled = true;
        /** How often the relay looks for rows when nobody nudged it. */
        private Duration pollInterval = Duration.ofSeconds(1);

        /** Events per pass: read, sent and deleted together (a backlog drains in passes of this size). */
        private int batchSize = 500;
        /** How long the relay waits for Kafka to acknowledge a batch before it retries. */
        private Duration sendTimeout = Duration.ofSeconds(15);
        /** Longest pause between attempts while Kafka is unreachable. */
        private Duration maxBackoff = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getSendTimeout() {
            return sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    public static class Consumer {
        /** How long processed event ids are remembered for de-duplication. */
        private Duration dedupRetention = Duration.ofDays(7);
        /** Attempts of a failing record before it goes to the dead-letter topic. */
        private int maxAttempts = 4;

        private Duration retryBackoff = Duration.ofMillis(500);

        public Duration getDedupRetention() {
            return dedupRetention;
        }

        public void setDedupRetention(Duration dedupRetention) {
            this.dedupRetention = dedupRetention;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }
    }
}
