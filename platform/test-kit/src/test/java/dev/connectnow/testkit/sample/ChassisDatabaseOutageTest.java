package dev.connectnow.testkit.sample;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.SwitchableTcpProxy;
import dev.connectnow.testkit.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * R5 in small: PostgreSQL becomes unreachable (the service's only route to it is a proxy that is switched
 * off, cutting open connections) — requests get a 503 problem instead of hanging or a 500, readiness
 * reports the outage, and the service recovers by itself when the database is back.
 */
@ServiceIntegrationTest
class ChassisDatabaseOutageTest {

    private static SwitchableTcpProxy proxy;

    @LocalServerPort
    int port;

    @TestConfiguration
    static class DatabaseThroughProxy {
        @Bean
        DataSource dataSource(Environment environment) throws IOException {
            String url = environment.getRequiredProperty("spring.datasource.url");
            URI database = URI.create(url.substring("jdbc:".length()));
            proxy = new SwitchableTcpProxy(database.getHost(), database.getPort());
            proxy.enable();
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url.replace(database.getHost() + ":" + database.getPort(), proxy.address()));
            dataSource.setUsername(environment.getProperty("spring.datasource.username"));
            dataSource.setPassword(environment.getProperty("spring.datasource.password"));
            dataSource.setConnectionTimeout(2000);
            dataSource.setValidationTimeout(1000);
            return dataSource;
        }
    }

    @AfterAll
    static void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void anUnreachableDatabaseGives503sAndTheServiceRecoversWithoutARestart() {
        ApiClient api = ApiClient.local(port).as(TestTokens.accessToken(UUID.randomUUID()));
        assertThat(api.post("/api/notes", Map.of("text", "before")).status()).isEqualTo(201);

        proxy.disable();
        ApiClient.Response during = api.post("/api/notes", Map.of("text", "during"));
        assertProblem(during, 503);
        assertThat(during.header("Retry-After")).isPresent();
        assertThat(ApiClient.local(port).get("/readyz").status()).isEqualTo(503);
        assertThat(ApiClient.local(port).get("/livez").status())
                .as("an outage of a dependency must not get the pod restarted")
                .isEqualTo(200);

        proxy.enable();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = api.post("/api/notes", Map.of("text", "after")).status();
        } while (status != 201 && System.nanoTime() < deadline);
        assertThat(status).as("recovered without a restart").isEqualTo(201);
        assertThat(ApiClient.local(port).get("/readyz").status()).isEqualTo(200);
    }
}
