package dev.connectnow.gateway;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The ConnectNow edge: routes REST and WebSocket traffic to the services found in Eureka,
 * validates access tokens, applies CORS, rate limits, request size limits and circuit breakers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
