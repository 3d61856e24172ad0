package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.devstack.ServiceProcess;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
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
        assertThat(ApiClient.at(second.url()).get("/readyz").status()).isEqualTo(200);
        assertThat(ApiClient.at(second.managementUrl())
                        .get("/actuator/health/readiness")
                        .status())
                .isEqualTo(200);
        assertThat(second.managementPort()).isNotIn(first.managementPort(), second.port());
        assertThat(platform.instances("workspace-service")).containsExactly(first, second);

        second.kill();

        assertThat(second.isAlive()).isFalse();
        assertThat(ProcessHandle.of(second.pid()).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(platform.instances("workspace-service")).containsExactly(first);
        assertThat(Files.readString(second.logFile()))
                .as("its log stays in %s", platform.logDir())
                .contains("Started");

        // Eureka keeps the dead instance until its lease expires; until then the gateway may pick it — or only now
        // learn of it (it registered just before the kill), so the gateway answering alone proves nothing yet.
        ApiClient discovery = ApiClient.at(platform.platform().config().discoveryUrl());
        Await.await("discovery evicts the killed instance once its lease expires")
                .atMost(Duration.ofSeconds(90))
                .until(() -> discovery
                                .get("/eureka/apps/WORKSPACE-SERVICE/" + second.eurekaInstanceId())
                                .status()
                        == 404);
        // then the gateway's copy follows; a GET would be retried on the survivor, so writes (never retried) show
        // when the dead instance is out of rotation — and no later journey meets it
        String token = platform.registerUser("Process Control");
        ApiClient gateway = platform.gateway().as(token);
        Await.await("the gateway sends workspace-service writes only to the surviving instance")
                .atMost(Duration.ofSeconds(90))
                .until(() -> IntStream.range(0, 10)
                        .allMatch(i -> gateway.post("/api/workspaces/join", Map.of("inviteCode", "no-such-code"))
                                        .status()
                                != 503));
    }

    /**
     * A rolling update's stop: the instance leaves the registry, and the gateway, which routes from its own copy
     * for a few seconds more, still finds it answering (the chassis' departure grace) — no write sent meanwhile
     * fails, although the gateway never retries one.
     */
    @Test
    void anInstanceStoppedGracefullyAnswersEveryWriteTheGatewaySendsItMeanwhile(E2ePlatform platform) throws Exception {
        ServiceProcess leaving = platform.startInstance("workspace-service");
        ApiClient gateway = platform.gateway().as(platform.registerUser("Rolling Update"));
        Map<String, String> unknownCode = Map.of("inviteCode", "no-such-code");
        ApiClient leavingMetrics = ApiClient.at(leaving.managementUrl());
        Await.await("the gateway routes writes to the new instance too")
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    gateway.post("/api/workspaces/join", unknownCode);
                    return leavingMetrics.get("/actuator/prometheus").body().contains("uri=\"/api/workspaces/join\"");
                });

        List<Integer> statuses = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                statuses.add(gateway.post("/api/workspaces/join", unknownCode).status());
                pause(Duration.ofMillis(100)); // 10 a second: under the gateway's rate limit for one client
            }
        });
        writer.start();
        leaving.stop();
        Thread.sleep(2000); // and a little after the instance is gone
        writing.set(false);
        writer.join(10_000);

        assertThat(leaving.isAlive()).isFalse();
        assertThat(statuses).as("writes during the stop").hasSizeGreaterThan(20);
        assertThat(statuses)
                .as("every write answered by a workspace-service instance (404: no such code), none 502/503")
                .containsOnly(404);
        assertThat(Files.readString(leaving.logFile())).contains("Left the registry");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
