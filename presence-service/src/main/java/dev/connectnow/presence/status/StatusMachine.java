package dev.connectnow.presence.status;

import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides what clients see of a user's presence from what the service knows about them. Pure: no Spring, no
 * database, time passed in.
 *
 * <ol>
 *   <li>At least one live socket: BUSY if the user chose BUSY (it sticks across reconnects and ignores
 *   idleness); otherwise AWAY once the newest activity is {@code awayAfter} old, else ONLINE.</li>
 *   <li>No live socket: OFFLINE — except during the offline grace that follows a disconnect, when the user keeps
 *   what was shown, so a page reload or a resume on another instance is not broadcast as OFFLINE + ONLINE.</li>
 *   <li>{@code statusText} is the user's, shown in every status.</li>
 *   <li>{@code lastActiveAt} changes only with the status, never on mere activity (which would publish an
 *   event per ACTIVITY frame): entering ONLINE/BUSY/AWAY it is the newest activity; entering OFFLINE it is the
 *   newest activity or the moment the last socket closed, whichever is later, except from AWAY, where the user
 *   had already stopped being active. Never later than now (producer clocks may run ahead).</li>
 * </ol>
 */
public final class StatusMachine {

    /** The presence resource without its user id: exactly what {@code presence.updated} announces. */
    public record Visible(PresenceStatus status, String statusText, Instant lastActiveAt) {

        public static final Visible NEVER_SEEN = new Visible(PresenceStatus.OFFLINE, null, null);
    }

    /**
     * What the service knows of one user.
     *
     * @param liveSockets         sockets currently open on live instances
     * @param lastActivityAt      newest connect, ACTIVITY or status change by the user (null: none yet)
     * @param lastSocketClosedAt  when the most recent socket went away (null: none yet)
     * @param offlinePendingSince when a disconnect left the user without sockets, if it did (service clock)
     */
    public record Facts(
            int liveSockets,
            ChosenStatus chosen,
            String statusText,
            Instant lastActivityAt,
            Instant lastSocketClosedAt,
            Instant offlinePendingSince) {}

    /** The two durations the rules depend on. */
    public record Timing(Duration awayAfter, Duration offlineGrace) {}

    public static Visible next(Visible current, Facts facts, Instant now, Timing timing) {
        PresenceStatus status = statusOf(current.status(), facts, now, timing);
        Instant lastActiveAt = status == current.status()
                ? current.lastActiveAt()
                : notAfter(lastActiveAtEntering(status, current.status(), facts, now), now);
        return new Visible(status, facts.statusText(), lastActiveAt);
    }

    static PresenceStatus statusOf(PresenceStatus current, Facts facts, Instant now, Timing timing) {
        if (facts.liveSockets() > 0) {
            if (facts.chosen() == ChosenStatus.BUSY) {
                return PresenceStatus.BUSY;
            }
            return isIdle(facts.lastActivityAt(), now, timing.awayAfter())
                    ? PresenceStatus.AWAY
                    : PresenceStatus.ONLINE;
        }
        boolean inGrace = facts.offlinePendingSince() != null
                && now.isBefore(facts.offlinePendingSince().plus(timing.offlineGrace()));
        return inGrace ? current : PresenceStatus.OFFLINE;
    }

    private static boolean isIdle(Instant lastActivityAt, Instant now, Duration awayAfter) {
        return lastActivityAt != null && !now.isBefore(lastActivityAt.plus(awayAfter));
    }

    private static Instant lastActiveAtEntering(
            PresenceStatus entering, PresenceStatus leaving, Facts facts, Instant now) {
        if (entering != PresenceStatus.OFFLINE) {
            return facts.lastActivityAt() != null ? facts.lastActivityAt() : now;
        }
        if (leaving == PresenceStatus.AWAY) {
            return facts.lastActivityAt();
        }
        return latest(facts.lastActivityAt(), facts.lastSocketClosedAt());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant notAfter(Instant instant, Instant now) {
        return instant == null || instant.isBefore(now) ? instant : now;
    }

    private StatusMachine() {}
}
