package dev.connectnow.presence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Who is online in ConnectNow: sockets per user, the status machine, instance leases (see docs/presence.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PresenceServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PresenceServiceApplication.class, args);
    }
}
