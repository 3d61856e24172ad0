package dev.connectnow.realtime.delivery;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The recent sequenced events of one session, for RESUME: bounded by count and by bytes. Entries the client
 * acknowledged (HEARTBEAT {@code lastSeq}) are dropped early, so an attentive client's buffer stays nearly
 * empty. There is deliberately no age bound: an event written to the socket but not yet read by a slow client
 * is old by the time that client is closed 4010, and it must still be here for the resume that follows (how
 * long a detached session may be resumed is the session's window, not the entries'). A payload string is
 * shared by every session that received the event, so an entry costs a few dozen bytes of its own.
 *
 * <p>Not thread-safe: the owning {@code Session} guards it.
 */
public final class ReplayBuffer {

    /** One sequenced event as it was sent. */
    public record Entry(long seq, String type, String payloadJson, Instant eventTime, Instant bufferedAt) {

        int bytes() {
            return payloadJson.length() + type.length() + 32;
        }

        public String frame() {
            return dev.connectnow.realtime.protocol.ServerFrames.event(seq, type, payloadJson);
        }
    }

    private final int maxEvents;
    private final long maxBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>(0);
    private long bytes;
    /** Highest seq dropped because of a bound (not because it was acknowledged): resuming below it is impossible. */
    private long lostUpTo;

    public ReplayBuffer(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    public void append(Entry entry) {
        entries.addLast(entry);
        bytes += entry.bytes();
        while (entries.size() > maxEvents || bytes > maxBytes) {
            evictOldest(true);
        }
    }

    /** The client has every event up to {@code seq}; they need not be kept for it. */
    public void acknowledge(long seq) {
        while (!entries.isEmpty() && entries.peekFirst().seq() <= seq) {
            evictOldest(false);
        }
    }

    /**
     * The events after {@code lastSeq}, in order, if the buffer still has every one of them; empty when some
     * were dropped by a bound (or {@code lastSeq} is beyond what was sent: the client is confused).
     *
     * @param latestSeq the last seq the session assigned
     */
    public Optional<List<Entry>> after(long lastSeq, long latestSeq) {
        if (lastSeq > latestSeq || lastSeq < lostUpTo) {
            return Optional.empty();
        }
        List<Entry> missed = new ArrayList<>();
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.seq() > lastSeq) {
                missed.add(entry);
            }
        }
        long expected = latestSeq - lastSeq;
        return missed.size() == expected ? Optional.of(missed) : Optional.empty();
    }

    public int size() {
        return entries.size();
    }

    public long bytes() {
        return bytes;
    }

    private void evictOldest(boolean lost) {
        Entry oldest = entries.pollFirst();
        bytes -= oldest.bytes();
        if (lost) {
            lostUpTo = Math.max(lostUpTo, oldest.seq());
        }
    }
}
