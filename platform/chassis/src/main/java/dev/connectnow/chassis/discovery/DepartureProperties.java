package dev.connectnow.chassis.discovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param departureGrace how long a stopping service keeps answering after it left the registry: at least the
 *     callers' registry fetch interval plus their LoadBalancer cache (the gateway's 5 s + 5 s)
 */
@ConfigurationProperties("connectnow.discovery")
public record DepartureProperties(@DefaultValue("10s") Duration departureGrace) {}
