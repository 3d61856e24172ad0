package dev.connectnow.presence.status;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way presence changes: lock the users' rows, change their facts, {@link #settle} — which stores the
 * result and publishes {@code presence.updated} in the same transaction when, and only when, what clients see
 * changed.
 */
@Service
public class PresenceUpdater {

    private final PresenceStore store;
    private final PresenceEventPublisher events;
    private final PresenceProperties properties;
    private final Clock clock;

    public PresenceUpdater(
            PresenceStore store, PresenceEventPublisher events, PresenceProperties properties, Clock clock) {
        this.store = store;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Locks the users' presence for the rest of the transaction (creating what is missing), in user id order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, UserPresence> lock(Collection<UUID> userIds) {
        Map<UUID, UserPresence> locked = new LinkedHashMap<>();
        for (UserPresence presence : store.lock(userIds, clock.instant())) {
            locked.put(presence.userId(), presence);
        }
        return locked;
    }

    /**
     * Stores a locked presence after its facts changed, recomputing what clients see; publishes and returns true
     * if that changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean settle(UserPresence presence) {
        Instant now = clock.instant();
        boolean changed = presence.settle(now, properties.timing());
        if (changed) {
            events.updated(presence);
        }
        store.save(presence, now);
        return changed;
    }

    /** {@code PUT /api/presence/me}. */
    @Transactional
    public UserPresence choose(UUID userId, PresenceChange change) {
        UserPresence presence = lock(List.of(userId)).get(userId);
        presence.choose(
                change.status().applyTo(presence.chosen()),
                change.statusText().applyTo(presence.statusText()),
                clock.instant());
        settle(presence);
        return presence;
    }

    /** Turns up to {@code limit} idle ONLINE users AWAY; returns how many changed. */
    @Transactional
    public int settleIdle(int limit) {
        return settleAll(store.lockIdleOnline(clock.instant().minus(properties.awayAfter()), limit));
    }

    /** Turns up to {@code limit} users whose offline grace is over OFFLINE; returns how many changed. */
    @Transactional
    public int settleOfflineDue(int limit) {
        return settleAll(store.lockOfflineDue(clock.instant().minus(properties.offlineGrace()), limit));
    }

    private int settleAll(List<UserPresence> due) {
        int changed = 0;
        for (UserPresence presence : due) {
            changed += settle(presence) ? 1 : 0;
        }
        return changed;
    }
}
