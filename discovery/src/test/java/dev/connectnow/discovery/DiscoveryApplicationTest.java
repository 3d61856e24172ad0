package dev.connectnow.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.eureka.cluster.PeerEurekaNode;
import com.netflix.eureka.cluster.PeerEurekaNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the registry on a random port, registers an instance through Eureka's REST API
 * (as any Eureka client does) and reads it back from {@code /eureka/apps}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=")
class DiscoveryApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    PeerEurekaNodes peers;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void registeredInstanceIsListedInTheRegistry() throws Exception {
        String body = """
				{"instance": {
				  "instanceId": "127.0.0.1:probe-service:9999",
				  "hostName": "127.0.0.1",
				  "app": "PROBE-SERVICE",
				  "ipAddr": "127.0.0.1",
				  "vipAddress": "probe-service",
				  "secureVipAddress": "probe-service",
				  "status": "UP",
				  "port": {"$": 9999, "@enabled": "true"},
				  "securePort": {"$": 443, "@enabled": "false"},
				  "healthCheckUrl": "http://127.0.0.1:9999/actuator/health",
				  "dataCenterInfo": {
				    "@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo",
				    "name": "MyOwn"
				  }
				}}
				""";
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(uri("/eureka/apps/PROBE-SERVICE"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(204);

        HttpResponse<String> apps = http.send(
                HttpRequest.newBuilder(uri("/eureka/apps"))
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(apps.statusCode()).isEqualTo(200);

        JsonNode application = null;
        for (JsonNode app : JSON.readTree(apps.body()).path("applications").path("application")) {
            if ("PROBE-SERVICE".equals(app.path("name").asString())) {
                application = app;
            }
        }
        assertThat(application).as("PROBE-SERVICE in %s", apps.body()).isNotNull();
        JsonNode instance = application.path("instance").get(0);
        assertThat(instance.path("instanceId").asString()).isEqualTo("127.0.0.1:probe-service:9999");
        assertThat(instance.path("ipAddr").asString()).isEqualTo("127.0.0.1");
        assertThat(instance.path("status").asString()).isEqualTo("UP");
        assertThat(instance.path("port").path("$").asInt()).isEqualTo(9999);

        // the registry does not register itself
        assertThat(apps.body()).doesNotContain("\"DISCOVERY\"");
    }

    @Test
    void aStandaloneRegistryReplicatesToNoPeerNotEvenItself() {
        assertThat(peers.getPeerEurekaNodes())
                .extracting(PeerEurekaNode::getServiceUrl)
                .isEmpty();
        assertThat(LoggerFactory.getLogger(PeerEurekaNodes.class).isWarnEnabled())
                .as("its warning about having no peers, at start and every ten minutes, is not logged")
                .isFalse();
    }

    @Test
    void healthProbesAndPrometheusAreExposed() throws Exception {
        for (String path :
                new String[] {"/actuator/health/liveness", "/actuator/health/readiness", "/livez", "/readyz"}) {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("UP");
        }
        HttpResponse<String> prometheus = http.send(
                HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
