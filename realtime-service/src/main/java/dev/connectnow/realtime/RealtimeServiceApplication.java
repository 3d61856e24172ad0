package dev.connectnow.realtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The WebSocket edge of ConnectNow: one socket per client through the gateway, every event of every context
 * pushed to the sockets allowed to see it, sessions that survive a dropped socket (RESUME), connection and
 * typing events for the rest of the suite. See docs/realtime.md.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RealtimeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RealtimeServiceApplication.class, args);
    }
}
