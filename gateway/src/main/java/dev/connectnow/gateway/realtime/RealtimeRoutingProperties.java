package dev.connectnow.gateway.realtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway checks that a realtime-service instance can take a socket, under
 * {@code connectnow.gateway.realtime} ({@link InstanceReadiness}).
 *
 * @param readinessProbeTimeout anything but a 200 from the instance's readiness endpoint within this is "not ready"
 * @param readinessProbeMemory  an answer is reused this long, so a burst of resumes costs one probe per instance
 * @param upstreamOpenTimeout   the gateway's socket to the instance must be open within this, else the client's
 *                              socket is closed 4012 (reconnect now; {@link OpeningDeadlineClient})
 */
@ConfigurationProperties("connectnow.gateway.realtime")
public record RealtimeRoutingProperties(
        @DefaultValue("2s") Duration readinessProbeTimeout,
        @DefaultValue("1s") Duration readinessProbeMemory,
        @DefaultValue("5s") Duration upstreamOpenTimeout) {}
