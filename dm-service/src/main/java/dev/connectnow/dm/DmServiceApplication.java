package dev.connectnow.dm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Direct conversations between two users, direct messages and read receipts (see docs/dm.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DmServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DmServiceApplication.class, args);
    }
}
