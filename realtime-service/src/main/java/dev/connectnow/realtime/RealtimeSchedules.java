package dev.connectnow.realtime;

import dev.connectnow.realtime.fanout.EventRouter;
import dev.connectnow.realtime.socket.SocketHub;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The tier's clockwork: the housekeeping sweep every second, the instance heartbeat on its interval, and the
 * graceful stop — before the web server and the Kafka listeners stop, every socket is closed with 4012
 * (reconnect now) and a last heartbeat with {@code stopping: true} tells presence-service the sockets are gone.
 */
@Component
class RealtimeSchedules implements SmartLifecycle {

    private final SocketHub hub;
    private final EventRouter router;
    private volatile boolean running;

    RealtimeSchedules(SocketHub hub, EventRouter router) {
        this.hub = hub;
        this.router = router;
    }

    @Scheduled(fixedDelay = 1000)
    void sweep() {
        hub.sweep();
        router.prune();
    }

    @Scheduled(
            fixedDelayString = "${connectnow.realtime.instance-heartbeat-interval:10s}",
            initialDelayString = "${connectnow.realtime.instance-heartbeat-interval:10s}")
    void heartbeat() {
        if (running) {
            hub.publishHeartbeat(false);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        hub.shutdown();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (hub.connectionCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // close frames on their way; the event loops report each close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        hub.publishHeartbeat(true);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown and before the Kafka listener containers. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 10;
    }
}
