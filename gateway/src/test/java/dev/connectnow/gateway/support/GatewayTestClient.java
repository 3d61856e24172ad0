package dev.connectnow.gateway.support;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The tests' HTTP client of the gateway. It runs on the JDK's HTTP client, not on Reactor Netty: a test that
 * checks only the status leaves the response body unread, and WebTestClient does not release unread Netty
 * buffers (spring-framework#31335, #36050) — the leak detector's ERROR would then land in whatever test of the
 * same JVM reads the gateway's log next. HTTP/1.1, as the frontend's requests reach the gateway.
 */
public final class GatewayTestClient {

    private GatewayTestClient() {}

    public static WebTestClient to(int port) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return WebTestClient.bindToServer(new JdkClientHttpConnector(client))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }
}
