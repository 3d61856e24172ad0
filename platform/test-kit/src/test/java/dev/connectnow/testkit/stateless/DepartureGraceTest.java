package dev.connectnow.testkit.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import dev.connectnow.chassis.discovery.DepartureGrace;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.TestTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service registered in Eureka that stops: it leaves the registry first, keeps answering through the departure
 * grace (callers still route from their copy of the registry), and only then stops taking requests.
 */
class DepartureGraceTest {

    private static final Duration GRACE = Duration.ofSeconds(2);

    @Test
    void aStoppingServiceLeavesTheRegistryThenAnswersThroughTheGraceBeforeItsServerStops() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StatelessApplication.class)
                .properties(
                        "server.port=0",
                        "management.server.port=0",
                        "spring.application.name=departing",
                        "connectnow.security.jwk-set-uri=" + TestTokens.shared().jwkSetUri(),
                        // registered as in production, with a registry that is not there: the status is what counts
                        "eureka.client.enabled=true",
                        "eureka.client.fetch-registry=false",
                        "eureka.client.service-url.defaultZone=http://127.0.0.1:9/eureka",
                        "connectnow.discovery.departure-grace=" + GRACE.toMillis() + "ms")
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        ApplicationInfoManager registration = context.getBean(ApplicationInfoManager.class);
        assertThat(context.getBeansOfType(DepartureGrace.class)).hasSize(1);
        assertThat(registration.getInfo().getStatus()).isEqualTo(InstanceStatus.UP);

        long closing = System.nanoTime();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
        Await.until(
                "the instance left the registry", () -> registration.getInfo().getStatus() == InstanceStatus.DOWN);
        ApiClient.Response meanwhile = ApiClient.local(port).get("/api/public/status");
        assertThat(meanwhile.status())
                .as("a request routed from a caller's stale registry copy is still answered")
                .isEqualTo(200);
        assertThat(closed).as("the grace holds the shutdown").isNotDone();

        closed.get(60, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isGreaterThanOrEqualTo(GRACE);
        assertThatThrownBy(() -> connect(port)).as("stopped after the grace").isInstanceOf(IOException.class);
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
