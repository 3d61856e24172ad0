package dev.connectnow.gateway.realtime;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instance list of realtime-service's own LoadBalancer context (see {@link RealtimeInstanceSelection}):
 * discovered and cached like every other service's, then filtered by the hint. Deliberately not a
 * {@code @Configuration}: it must stay out of the gateway's main context.
 */
class RealtimeInstanceSuppliers {

    @Bean
    ServiceInstanceListSupplier realtimeInstances(ConfigurableApplicationContext context) {
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withCaching()
                // outermost: the caching supplier answers get(request) without looking at the request
                .withHints()
                .build(context);
    }
}
