package dev.connectnow.realtime.delivery;

import java.time.Instant;

/**
 * One frame waiting to be written to a socket.
 *
 * @param text       the JSON text
 * @param bytes      its size as counted against the queue's byte bound (UTF-16 length × 1; close enough to
 *                   the UTF-8 size for a bound, and free to compute)
 * @param sheddable  typing and presence frames: dropped first when the queue fills
 * @param eventTime  when the event happened (producer clock), for the event-age metric; null for control frames
 * @param replayed   sent again on RESUME: owed to the client, outside the queue's bounds (the replay buffer
 *                   bounds them)
 */
public record OutboundFrame(String text, int bytes, boolean sheddable, Instant eventTime, boolean replayed) {

    public static OutboundFrame control(String text) {
        return new OutboundFrame(text, text.length(), false, null, false);
    }

    public static OutboundFrame event(String text, Instant eventTime) {
        return new OutboundFrame(text, text.length(), false, eventTime, false);
    }

    public static OutboundFrame ephemeral(String text, Instant eventTime) {
        return new OutboundFrame(text, text.length(), true, eventTime, false);
    }

    public static OutboundFrame replayed(String text, Instant eventTime) {
        return new OutboundFrame(text, text.length(), false, eventTime, true);
    }
}
