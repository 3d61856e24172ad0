package dev.connectnow.gateway.realtime;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Configuration;

/**
 * How the gateway picks a realtime-service instance. A RESUME must reach the instance that holds the session
 * (its replay buffer lives there): READY's {@code resumeUrl} is {@code /ws/resume/{instance key}}, the route
 * copies the key into the LoadBalancer's hint header, and every instance publishes its key as the Eureka
 * metadata {@code hint}. Only instances whose readiness endpoint answers 200 are candidates, for new sockets
 * and resumes alike; when the owner is not among them (restarted, stopped, or killed but still listed in
 * Eureka) the resume goes to another ready instance, which answers INVALID_SESSION at once
 * ({@link ReadyInstanceSupplier}, docs/realtime.md "Resume across instances").
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = "realtime-service", configuration = RealtimeInstanceSuppliers.class)
// bound here, in the gateway's context: the LoadBalancer's child context has no conversion service for durations
@EnableConfigurationProperties(RealtimeRoutingProperties.class)
public class RealtimeInstanceSelection {}
