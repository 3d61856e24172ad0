package dev.connectnow.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.cloud.client.HostInfoEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The management port rule: never the public port unless the service asked for a random one; the address a replica
 * registers under.
 */
class ChassisDefaultsTest {

    @Test
    void theManagementPortIsTheServicePortPlusAThousand() {
        assertThat(managementPortWith(Map.of("server.port", "8081"))).isEqualTo("9081");
        assertThat(managementPortWith(Map.of())).as("Boot's default 8080").isEqualTo("9080");
    }

    @Test
    void anExplicitManagementPortWins() {
        assertThat(managementPortWith(Map.of("server.port", "8081", "management.server.port", "7000")))
                .isEqualTo("7000");
    }

    @Test
    void aRandomServicePortLeavesTheDecisionToWhoeverStartsIt() {
        assertThat(managementPortWith(Map.of("server.port", "0"))).isNull();
    }

    @Test
    void aServicePortWithoutRoomAboveItMustNameItsManagementPort() {
        assertThatThrownBy(() -> managementPortWith(Map.of("server.port", "65000")))
                .hasMessageContaining("MANAGEMENT_SERVER_PORT");
    }

    /**
     * docker-compose gives each container {@code EUREKA_INSTANCE_IP_ADDRESS="${spring.cloud.client.ip-address}"}
     * (the address Spring Cloud finds for the host, set before the chassis' defaults are read): replicas of one
     * service register under their own addresses, as distinct instances, where the service's name gave them all
     * one instance id.
     */
    @Test
    void aReplicaToldToRegisterUnderTheAddressSpringCloudFoundDoesSo() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "compose",
                        Map.of(
                                "SPRING_APPLICATION_NAME", "realtime-service",
                                "SERVER_PORT", "8087",
                                "EUREKA_INSTANCE_IP_ADDRESS", "${spring.cloud.client.ip-address}")));
        SpringApplication application = new SpringApplication();
        new HostInfoEnvironmentPostProcessor().postProcessEnvironment(environment, application);
        new ChassisDefaults().postProcessEnvironment(environment, application);

        String found = environment.getProperty("spring.cloud.client.ip-address");
        assertThat(found).as("the host's address, found by Spring Cloud").isNotBlank();
        assertThat(environment.getProperty("eureka.instance.ip-address")).isEqualTo(found);
        assertThat(environment.getProperty("eureka.instance.instance-id"))
                .isEqualTo("realtime-service:" + found + ":8087");

        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("another host", Map.of("spring.cloud.client.ip-address", "10.0.0.2")));
        assertThat(environment.getProperty("eureka.instance.instance-id"))
                .as("another replica's")
                .isEqualTo("realtime-service:10.0.0.2:8087");
    }

    private static String managementPortWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new ChassisDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("management.server.port");
    }
}
