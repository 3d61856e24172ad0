package dev.connectnow.message.post;

import dev.connectnow.chassis.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A message flood from one user (S15) is refused with 429 and {@code Retry-After}, other users unaffected: one
 * token bucket per user and instance, in memory (a posting user is one of few; buckets idle long enough to be
 * full again are dropped every minute). The gateway's general request limit stays in front of it; this one is
 * about messages, which fan out to every member of a channel.
 */
@Component
public class PostRateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final Clock clock;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    public PostRateLimiter(PostingProperties properties, Clock clock) {
        this.ratePerNano = properties.postRatePerSecond() / 1e9;
        this.burst = properties.postBurst();
        this.clock = clock;
    }

    /** Takes one token for the user or throws 429. */
    public void acquire(UUID userId) {
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(userId, id -> new Bucket(burst, now));
        double missing;
        synchronized (bucket) {
            bucket.refill(now, ratePerNano, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            missing = 1 - bucket.tokens;
        }
        Duration retryAfter = Duration.ofNanos((long) Math.ceil(missing / ratePerNano));
        throw ApiException.tooManyRequests("You are sending messages too fast", retryAfter);
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    public void dropFullBuckets() {
        long now = nanos();
        buckets.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                entry.getValue().refill(now, ratePerNano, burst);
                return entry.getValue().tokens >= burst;
            }
        });
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        void refill(long now, double ratePerNano, double burst) {
            if (now > updatedAt) {
                tokens = Math.min(burst, tokens + (now - updatedAt) * ratePerNano);
                updatedAt = now;
            }
        }
    }
}
