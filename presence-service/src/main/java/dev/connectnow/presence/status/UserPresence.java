package dev.connectnow.presence.status;

import dev.connectnow.events.UuidV7;
import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import dev.connectnow.presence.status.StatusMachine.Facts;
import dev.connectnow.presence.status.StatusMachine.Timing;
import dev.connectnow.presence.status.StatusMachine.Visible;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One user's presence: what clients see, and the facts it follows from (live sockets, the user's choice, the
 * newest activity, pending offline). The facts only move the way the rules allow (activity never backwards; a
 * disconnect that leaves no socket starts the offline grace, a removal the service decided on does not); what
 * clients see is always {@link StatusMachine#next} of the facts, recomputed by {@link #settle}.
 */
public final class UserPresence {

    /** How the user's last socket went away, which decides whether the offline grace applies. */
    public enum SocketLoss {
        /** The client or the instance closed it and said so: reloads and resumes are expected, wait. */
        DISCONNECTED,
        /** The service removed it (instance lease ran out, heartbeat left it out): it is old news, no wait. */
        REMOVED
    }

    private final UUID id;
    private final UUID userId;
    private Visible visible;
    private List<UUID> socketIds;
    private ChosenStatus chosen;
    private String statusText;
    private Instant lastActivityAt;
    private Instant lastSocketClosedAt;
    private Instant offlinePendingSince;
    private long version;

    UserPresence(
            UUID id,
            UUID userId,
            Visible visible,
            List<UUID> socketIds,
            ChosenStatus chosen,
            Instant lastActivityAt,
            Instant lastSocketClosedAt,
            Instant offlinePendingSince,
            long version) {
        this.id = id;
        this.userId = userId;
        this.visible = visible;
        this.socketIds = List.copyOf(socketIds);
        this.chosen = chosen;
        this.statusText = visible.statusText();
        this.lastActivityAt = lastActivityAt;
        this.lastSocketClosedAt = lastSocketClosedAt;
        this.offlinePendingSince = offlinePendingSince;
        this.version = version;
    }

    /** A user the service has never seen: OFFLINE, nothing chosen. */
    static UserPresence newcomer(UUID userId) {
        return new UserPresence(
                UuidV7.next(), userId, Visible.NEVER_SEEN, List.of(), ChosenStatus.ONLINE, null, null, null, 0);
    }

    /** The user was active at {@code at} (capped at {@code now}: producer clocks may run ahead). */
    public void recordActivity(Instant at, Instant now) {
        Instant capped = at.isAfter(now) ? now : at;
        if (lastActivityAt == null || capped.isAfter(lastActivityAt)) {
            lastActivityAt = capped;
        }
    }

    /**
     * The user's live sockets are now {@code live}. When some closed, {@code closedAt} is when the last of them
     * did and {@code loss} how.
     */
    public void socketsNow(List<UUID> live, Instant closedAt, SocketLoss loss, Instant now) {
        boolean hadSockets = !socketIds.isEmpty();
        socketIds = List.copyOf(live);
        if (closedAt != null && (lastSocketClosedAt == null || closedAt.isAfter(lastSocketClosedAt))) {
            lastSocketClosedAt = closedAt;
        }
        if (!live.isEmpty()) {
            offlinePendingSince = null;
        } else if (hadSockets) {
            offlinePendingSince = loss == SocketLoss.DISCONNECTED ? now : null;
        }
    }

    /**
     * {@code PUT /api/presence/me}: the user's choice and status text after the call (an empty text is none).
     * Setting a status counts as activity.
     */
    public void choose(ChosenStatus newChoice, String text, Instant now) {
        chosen = newChoice;
        statusText = text == null || text.isEmpty() ? null : text;
        recordActivity(now, now);
    }

    /** Recomputes what clients see; true if it changed (then the caller publishes it). */
    public boolean settle(Instant now, Timing timing) {
        Visible next = StatusMachine.next(
                visible,
                new Facts(
                        socketIds.size(), chosen, statusText, lastActivityAt, lastSocketClosedAt, offlinePendingSince),
                now,
                timing);
        if (next.status() == PresenceStatus.OFFLINE) {
            offlinePendingSince = null;
        }
        if (next.equals(visible)) {
            return false;
        }
        visible = next;
        version++;
        return true;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public Visible visible() {
        return visible;
    }

    public List<UUID> socketIds() {
        return socketIds;
    }

    public ChosenStatus chosen() {
        return chosen;
    }

    /** The status text the user chose (shown from the next {@link #settle} on). */
    public String statusText() {
        return statusText;
    }

    public Instant lastActivityAt() {
        return lastActivityAt;
    }

    public Instant lastSocketClosedAt() {
        return lastSocketClosedAt;
    }

    public Instant offlinePendingSince() {
        return offlinePendingSince;
    }

    public long version() {
        return version;
    }
}
