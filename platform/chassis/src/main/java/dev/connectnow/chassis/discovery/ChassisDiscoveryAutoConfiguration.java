package dev.connectnow.chassis.discovery;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.context.annotation.Bean;

/**
 * A servlet service registered in discovery leaves it before it stops answering ({@link DepartureGrace}).
 * realtime-service has its own departure (sockets closed 4012, the gateway checks its instances' readiness), and
 * nothing routes to the gateway through the registry.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Registration.class)
@ConditionalOnBean(Registration.class)
@EnableConfigurationProperties(DepartureProperties.class)
public class ChassisDiscoveryAutoConfiguration {

    @Bean
    DepartureGrace departureGrace(DepartureProperties properties) {
        return new DepartureGrace(properties.departureGrace());
    }
}
