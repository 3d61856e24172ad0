package dev.connectnow.realtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.realtime.delivery.OutboundFrame;
import dev.connectnow.realtime.delivery.OutboundQueue;
import dev.connectnow.realtime.delivery.ReplayBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTest {

    static final class FakeSocket implements SessionOutbound {
        final OutboundQueue queue;
        final List<String> sent = new ArrayList<>();
        boolean overflowed;
        boolean superseded;

        FakeSocket(int maxFrames) {
            queue = new OutboundQueue(maxFrames, 1_000_000);
        }

        @Override
        public OutboundQueue.Offer offer(OutboundFrame frame) {
            OutboundQueue.Offer offer = queue.offer(frame);
            if (offer == OutboundQueue.Offer.QUEUED) {
                sent.add(frame.text());
            }
            return offer;
        }

        @Override
        public void overflowed() {
            overflowed = true;
        }

        @Override
        public void superseded() {
            superseded = true;
        }
    }

    final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    Session session(SessionOutbound socket) {
        return new Session(
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), new ReplayBuffer(100, 100_000), socket);
    }

    @Test
    void eventsAreNumberedWithoutGaps() {
        FakeSocket socket = new FakeSocket(100);
        Session session = session(socket);
        for (int i = 0; i < 3; i++) {
            assertThat(session.deliver("message.created", "{}", now, now)).isEqualTo(Session.Delivery.QUEUED);
        }
        assertThat(session.deliverEphemeral("typing.started", "{}", now, now)).isEqualTo(Session.Delivery.QUEUED);
        session.deliver("message.created", "{}", now, now);
        assertThat(socket.sent)
                .extracting(text -> text.replaceAll(".*\"s\":(\\d+).*", "$1"))
                .containsExactly("1", "2", "3", "{\"op\":\"EVENT\",\"t\":\"typing.started\",\"d\":{}}", "4");
    }

    @Test
    void detachedSessionsBufferAndResumeOnAnotherSocket() {
        FakeSocket first = new FakeSocket(100);
        Session session = session(first);
        session.deliver("message.created", "{\"n\":1}", now, now);
        session.detach(first, now);
        session.deliver("message.created", "{\"n\":2}", now, now);
        session.deliver("message.created", "{\"n\":3}", now, now);
        assertThat(session.isAttached()).isFalse();
        FakeSocket second = new FakeSocket(100);
        assertThat(session.resume(second, 1, now)).contains(2);
        assertThat(second.sent)
                .containsExactly(
                        "{\"op\":\"EVENT\",\"s\":2,\"t\":\"message.created\",\"d\":{\"n\":2}}",
                        "{\"op\":\"EVENT\",\"s\":3,\"t\":\"message.created\",\"d\":{\"n\":3}}",
                        "{\"op\":\"RESUMED\"}");
        session.deliver("message.created", "{\"n\":4}", now, now);
        assertThat(second.sent.get(3)).contains("\"s\":4");
        assertThat(first.sent).hasSize(1);
    }

    @Test
    void resumingWhileTheOldSocketStillHoldsTheSessionSupersedesIt() {
        FakeSocket old = new FakeSocket(100);
        Session session = session(old);
        session.deliver("message.created", "{}", now, now);
        FakeSocket fresh = new FakeSocket(100);
        assertThat(session.resume(fresh, 1, now)).contains(0);
        assertThat(old.superseded).isTrue();
        assertThat(session.isAttachedTo(fresh)).isTrue();
        // the old socket's close report no longer detaches anything
        session.detach(old, now);
        assertThat(session.isAttachedTo(fresh)).isTrue();
    }

    @Test
    void resumeBeyondTheBufferIsRefused() {
        FakeSocket first = new FakeSocket(100);
        Session session = new Session(
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), new ReplayBuffer(2, 100_000), first);
        session.detach(first, now);
        for (int i = 0; i < 5; i++) {
            session.deliver("message.created", "{}", now, now);
        }
        assertThat(session.resume(new FakeSocket(100), 1, now)).isEmpty();
        assertThat(session.resume(new FakeSocket(100), 9, now)).isEmpty();
        assertThat(session.resume(new FakeSocket(100), 3, now)).contains(2);
    }

    @Test
    void aFullQueueDetachesTheSessionAndKeepsTheEventForResume() {
        FakeSocket slow = new FakeSocket(2);
        Session session = session(slow);
        session.deliver("message.created", "{}", now, now);
        session.deliver("message.created", "{}", now, now);
        assertThat(session.deliver("message.created", "{}", now, now)).isEqualTo(Session.Delivery.OVERFLOW);
        assertThat(slow.overflowed).isTrue();
        assertThat(session.isAttached()).isFalse();
        FakeSocket fresh = new FakeSocket(100);
        assertThat(session.resume(fresh, 2, now)).contains(1);
        assertThat(fresh.sent.get(0)).contains("\"s\":3");
    }

    @Test
    void typingIsShedFirstAndNeverBuffered() {
        FakeSocket socket = new FakeSocket(4);
        Session session = session(socket);
        session.deliver("message.created", "{}", now, now);
        session.deliver("message.created", "{}", now, now);
        assertThat(session.deliverEphemeral("typing.started", "{}", now, now)).isEqualTo(Session.Delivery.SHED);
        session.detach(socket, now);
        assertThat(session.deliverEphemeral("presence.updated", "{}", now, now)).isEqualTo(Session.Delivery.SHED);
        assertThat(session.buffered()).isEqualTo(2);
    }

    @Test
    void detachedSessionsExpireAfterTheWindow() {
        FakeSocket socket = new FakeSocket(10);
        Session session = session(socket);
        Duration window = Duration.ofMinutes(2);
        assertThat(session.expired(now.plusSeconds(600), window)).isFalse();
        session.detach(socket, now);
        assertThat(session.expired(now.plusSeconds(119), window)).isFalse();
        assertThat(session.expired(now.plusSeconds(120), window)).isTrue();
        session.end();
        assertThat(session.deliver("message.created", "{}", now, now)).isEqualTo(Session.Delivery.DROPPED_ENDED);
        assertThat(session.resume(new FakeSocket(10), 0, now)).isEmpty();
    }

    @Test
    void revocationsAreRememberedForTheTokenLifetime() {
        Revocations revocations = new Revocations(Duration.ofMinutes(20));
        UUID user = UUID.randomUUID();
        UUID sid = UUID.randomUUID();
        revocations.banned(user, now);
        assertThat(revocations.isRevoked(user, sid, now.minusSeconds(60))).isTrue();
        assertThat(revocations.isRevoked(user, sid, now.plusSeconds(60))).isFalse();
        revocations.unbanned(user);
        assertThat(revocations.isRevoked(user, sid, now.minusSeconds(60))).isFalse();
        revocations.sessionRevoked(sid, now);
        assertThat(revocations.isRevoked(user, sid, now.plusSeconds(60))).isTrue();
        assertThat(revocations.isRevoked(user, UUID.randomUUID(), now)).isFalse();
        revocations.forgetOlderThan(now.plus(Duration.ofMinutes(21)));
        assertThat(revocations.size()).isZero();
    }
}
