package dev.connectnow.realtime.fanout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The ids of the events this instance pushed lately, so that each is pushed at most once. The producers' outbox
 * relays are at-least-once — a batch sent to Kafka whose rows could not be deleted afterwards (the database
 * connection dropped) is sent again — and a session would otherwise get the same message under two {@code s}.
 * A redelivery follows its original within seconds (the relay's next pass), so the last {@code capacity} ids are
 * plenty; the oldest are forgotten first.
 */
final class RecentEvents {

    private final Set<UUID> ids;

    RecentEvents(int capacity) {
        this.ids = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    /** True the first time this id is seen (among the remembered ones), false for a redelivery. */
    synchronized boolean firstTime(UUID eventId) {
        return ids.add(eventId);
    }
}
