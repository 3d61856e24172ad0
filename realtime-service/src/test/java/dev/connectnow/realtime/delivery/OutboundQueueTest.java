package dev.connectnow.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.realtime.delivery.OutboundQueue.Offer;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    static OutboundFrame event(int bytes) {
        return new OutboundFrame("e".repeat(bytes), bytes, false, null, false);
    }

    static OutboundFrame typing(int bytes) {
        return new OutboundFrame("t".repeat(bytes), bytes, true, null, false);
    }

    @Test
    void pastHalfTheFramesSheddableFramesAreRefusedButEventsStillQueue() {
        OutboundQueue queue = new OutboundQueue(4, 1_000_000);
        assertThat(queue.offer(typing(1))).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(event(1))).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(typing(1))).isEqualTo(Offer.SHED);
        assertThat(queue.offer(event(1))).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(event(1))).isEqualTo(Offer.QUEUED);
        assertThat(queue.size()).isEqualTo(4);
        assertThat(queue.offer(event(1))).isEqualTo(Offer.OVERFLOW);
        // once overflowed the socket is done: nothing more is taken
        assertThat(queue.poll()).isNotNull();
        assertThat(queue.offer(event(1))).isEqualTo(Offer.SHED);
    }

    @Test
    void bytesBoundTheQueueToo() {
        OutboundQueue queue = new OutboundQueue(100, 100);
        assertThat(queue.offer(event(40))).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(typing(20))).isEqualTo(Offer.SHED); // 60 > half of 100
        assertThat(queue.offer(typing(10))).isEqualTo(Offer.QUEUED); // 50 = half
        assertThat(queue.offer(event(50))).isEqualTo(Offer.QUEUED);
        assertThat(queue.bytes()).isEqualTo(100);
        assertThat(queue.offer(event(1))).isEqualTo(Offer.OVERFLOW);
    }

    @Test
    void pollingFreesRoomInOrder() {
        OutboundQueue queue = new OutboundQueue(2, 100);
        OutboundFrame first = event(10);
        OutboundFrame second = event(10);
        queue.offer(first);
        queue.offer(second);
        assertThat(queue.poll()).isSameAs(first);
        assertThat(queue.offer(event(10))).isEqualTo(Offer.QUEUED);
        assertThat(queue.poll()).isSameAs(second);
        assertThat(queue.bytes()).isEqualTo(10);
    }

    @Test
    void aClosedQueueDropsEverything() {
        OutboundQueue queue = new OutboundQueue(10, 100);
        queue.offer(event(10));
        queue.close();
        assertThat(queue.size()).isZero();
        assertThat(queue.bytes()).isZero();
        assertThat(queue.offer(event(1))).isEqualTo(Offer.SHED);
        assertThat(queue.poll()).isNull();
    }

    @Test
    void replayedFramesAreOwedOutsideTheBounds() {
        OutboundQueue queue = new OutboundQueue(2, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(queue.offer(OutboundFrame.replayed("r".repeat(50), null)))
                    .isEqualTo(Offer.QUEUED);
        }
        assertThat(queue.bytes()).isZero();
        assertThat(queue.offer(event(50))).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(typing(1))).isEqualTo(Offer.SHED);
        assertThat(queue.offer(event(50))).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(event(1))).isEqualTo(Offer.OVERFLOW);
        assertThat(queue.size()).isEqualTo(7);
    }
}
