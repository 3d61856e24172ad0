package dev.connectnow.gateway.realtime;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Configuration;

/**
 * How the gateway picks a realtime-service instance. A RESUME must reach the instance that holds the session
 * (its replay buffer lives there): READY's {@code resumeUrl} is {@code /ws/resume/{instance key}}, the route
 * copies the key into the LoadBalancer's hint header, and every instance publishes its key as the Eureka
 * metadata {@code hint}. When no live instance has that hint (the instance stopped or died), the hint filter
 * hands the request to any live instance, which answers INVALID_SESSION at once.
 *
 * <p>An instance killed without deregistering stays listed until Eureka drops it (lease expiry plus fetch
 * intervals); a resume aimed at it meanwhile fails at the handshake, at once, and the client falls back to
 * IDENTIFY (docs/realtime.md, "Resume across instances").
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = "realtime-service", configuration = RealtimeInstanceSuppliers.class)
public class RealtimeInstanceSelection {}
