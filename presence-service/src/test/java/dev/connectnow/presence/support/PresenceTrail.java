package dev.connectnow.presence.support;

import dev.connectnow.events.Topics;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code presence.updated} events published for given users, read from connectnow.presence. "Exactly n" is
 * checked by waiting for n and then reading on for a quiet moment, so a late extra event is caught.
 */
public final class PresenceTrail implements AutoCloseable {

    private static final Duration QUIET = Duration.ofMillis(1500);

    private final EventCollector collector = new EventCollector(Topics.PRESENCE);

    /** Waits until {@code count} events of the user arrived, reads on for a quiet moment, returns them all. */
    public List<Received> exactly(UUID userId, int count) {
        collector.await(r -> isFor(r, userId), count, Duration.ofSeconds(30));
        return collector.drain(r -> isFor(r, userId), QUIET);
    }

    /** The statuses announced for the user, once {@code count} arrived and the topic stayed quiet. */
    public List<String> statuses(UUID userId, int count) {
        return exactly(userId, count).stream()
                .map(r -> r.data().path("status").asString())
                .toList();
    }

    /** As {@link #statuses(UUID, int)} for several users at once (one quiet moment for all). */
    public Map<UUID, List<String>> statuses(Map<UUID, List<String>> expected) {
        expected.forEach(
                (user, statuses) -> collector.await(r -> isFor(r, user), statuses.size(), Duration.ofSeconds(30)));
        collector.drain(r -> false, QUIET);
        Map<UUID, List<String>> seen = new HashMap<>();
        for (UUID user : expected.keySet()) {
            seen.put(
                    user,
                    collector.drain(r -> isFor(r, user), Duration.ZERO).stream()
                            .map(r -> r.data().path("status").asString())
                            .toList());
        }
        return seen;
    }

    private static boolean isFor(Received r, UUID userId) {
        return r.type().equals("presence.updated") && r.subject().equals(userId.toString());
    }

    @Override
    public void close() {
        collector.close();
    }
}
