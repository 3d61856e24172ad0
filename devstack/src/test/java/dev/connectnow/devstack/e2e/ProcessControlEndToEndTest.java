package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.devstack.ServiceProcess;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What journeys about failures build on: a second instance of a service joins the running platform, and a
 * {@code kill -9} of one instance leaves the platform serving through the others. workspace-service stands
 * in for the services that run several instances (realtime-service, presence-service).
 */
@EndToEndTest
class ProcessControlEndToEndTest {

    @Test
    void aSecondInstanceJoinsAndAKilledOneLeavesThePlatformServing(E2ePlatform platform) throws Exception {
        ServiceProcess first = platform.instances("workspace-service").get(0);
        ServiceProcess second = platform.startInstance("workspace-service");

        assertThat(second.instanceName()).isEqualTo("workspace-service-2");
        assertThat(second.port()).isNotEqualTo(first.port());
        assertThat(ApiClient.at(second.url()).get("/actuator/health/readiness").status())
                .isEqualTo(200);
        assertThat(platform.instances("workspace-service")).containsExactly(first, second);

        second.kill();

        assertThat(second.isAlive()).isFalse();
        assertThat(ProcessHandle.of(second.pid()).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(platform.instances("workspace-service")).containsExactly(first);
        assertThat(Files.readString(second.logFile()))
                .as("its log stays in %s", platform.logDir())
                .contains("Started");

        // until Eureka evicts it the gateway may still pick the dead instance; the platform recovers by itself
        String token = platform.registerUser("Process Control");
        Await.await("the gateway serves workspace-service through the surviving instance")
                .atMost(Duration.ofSeconds(90))
                .until(() -> platform.gateway().as(token).get("/api/workspaces").status() == 200);
    }
}
