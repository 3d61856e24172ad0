package dev.connectnow.channel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Channels, channel members, ordering and read state of ConnectNow (see docs/channel.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ChannelServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChannelServiceApplication.class, args);
    }
}
