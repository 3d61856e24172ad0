package dev.connectnow.gateway.realtime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instance list of realtime-service's own LoadBalancer context (see {@link RealtimeInstanceSelection}):
 * discovered and cached like every other service's, then narrowed to the ready instances and, for a RESUME, to the ready owner
 * ({@link ReadyInstanceSupplier}). Deliberately not a {@code @Configuration}: it must stay out of the gateway's
 * main context.
 */
class RealtimeInstanceSuppliers {

    @Bean
    ServiceInstanceListSupplier realtimeInstances(
            ConfigurableApplicationContext context,
            @Value("${spring.cloud.loadbalancer.hint-header-name:X-SC-LB-Hint}") String hintHeader,
            RealtimeRoutingProperties properties) {
        InstanceReadiness readiness = new InstanceReadiness(
                properties.readinessProbeTimeout(), properties.readinessProbeMemory(), System::nanoTime);
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withCaching()
                // outermost: the caching supplier answers get(request) without looking at the request
                .with((ignored, cached) -> new ReadyInstanceSupplier(cached, hintHeader, readiness))
                .build(context);
    }
}
