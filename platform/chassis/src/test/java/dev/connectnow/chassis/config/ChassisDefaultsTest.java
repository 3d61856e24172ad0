package dev.connectnow.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The management port rule: never the public port unless the service asked for a random one. */
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

    private static String managementPortWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new ChassisDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("management.server.port");
    }
}
