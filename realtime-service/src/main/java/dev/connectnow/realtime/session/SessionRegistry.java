package dev.connectnow.realtime.session;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of this instance, attached or detached: by id (RESUME), by user (routing) and by the users
 * they subscribed to (presence). Thread-safe; lookups never lock.
 */
public final class SessionRegistry {

    private final Map<UUID, Session> byId = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Session>> byUser = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Session>> bySubscribedUser = new ConcurrentHashMap<>();

    public void add(Session session) {
        byUser.computeIfAbsent(session.userId(), id -> ConcurrentHashMap.newKeySet())
                .add(session);
        byId.put(session.id(), session);
    }

    /** Removes the session; true if it was registered (so its user's index entry is released once). */
    public boolean remove(Session session) {
        if (byId.remove(session.id()) == null) {
            return false;
        }
        removeFrom(byUser, session.userId(), session);
        session.presenceSubscriptions().forEach(subject -> removeFrom(bySubscribedUser, subject, session));
        return true;
    }

    public Session get(UUID sessionId) {
        return byId.get(sessionId);
    }

    public Set<Session> ofUser(UUID userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    /** Sessions that asked for this user's presence (PRESENCE_SUBSCRIBE). */
    public Set<Session> subscribersOf(UUID userId) {
        return bySubscribedUser.getOrDefault(userId, Set.of());
    }

    /** Replaces the session's presence subscription. */
    public synchronized void subscribe(Session session, Set<UUID> userIds) {
        if (!byId.containsKey(session.id())) {
            return;
        }
        session.presenceSubscriptions().forEach(subject -> removeFrom(bySubscribedUser, subject, session));
        session.presenceSubscriptions(userIds);
        userIds.forEach(subject -> bySubscribedUser
                .computeIfAbsent(subject, id -> ConcurrentHashMap.newKeySet())
                .add(session));
    }

    public Collection<Session> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    private static void removeFrom(Map<UUID, Set<Session>> index, UUID key, Session session) {
        index.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }
}
