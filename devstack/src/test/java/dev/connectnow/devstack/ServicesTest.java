package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServicesTest {

    @Test
    void databaseNameDropsTheServiceSuffixAndUsesUnderscores() {
        assertThat(ServiceDefinition.withDatabase("auth-service", 1).databaseName())
                .contains("connectnow_auth");
        assertThat(ServiceDefinition.withDatabase("read-model-service", 1).databaseName())
                .contains("connectnow_read_model");
        assertThat(ServiceDefinition.withDatabase("search", 1).databaseName()).contains("connectnow_search");
        assertThat(ServiceDefinition.withoutDatabase("gateway", 1).databaseName())
                .isEmpty();
    }

    @Test
    void databasesFollowTheServiceListAndSkipServicesWithoutOne() {
        List<ServiceDefinition> services = List.of(
                ServiceDefinition.withDatabase("auth-service", 1),
                ServiceDefinition.withoutDatabase("realtime-service", 2),
                ServiceDefinition.withDatabase("message-service", 3));

        assertThat(Services.databasesOf(services)).containsExactly("connectnow_auth", "connectnow_message");
    }

    @Test
    void catalogMatchesTheArchitectureBrief() {
        assertThat(Services.BUSINESS)
                .extracting(ServiceDefinition::name)
                .startsWith("auth-service", "workspace-service", "channel-service")
                .doesNotHaveDuplicates();
        assertThat(Services.databasesOf(Services.BUSINESS))
                .startsWith("connectnow_auth", "connectnow_workspace", "connectnow_channel");
        assertThat(Services.DISCOVERY.defaultPort()).isEqualTo(8761);
        assertThat(Services.GATEWAY.defaultPort()).isEqualTo(8080);
        assertThat(Services.BUSINESS)
                .extracting(ServiceDefinition::defaultPort)
                .doesNotHaveDuplicates()
                .doesNotContain(8080, 8761, 9092, 9093, 5432);
    }

    @Test
    void rejectsNamesThatCannotBeModulesOrDatabases() {
        assertThatThrownBy(() -> ServiceDefinition.withDatabase("Auth Service", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceDefinition.withDatabase("auth;drop", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
