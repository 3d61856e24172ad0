package dev.connectnow.testkit.jdbconly;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.web.DatabaseProblemDetailsAdvice;
import dev.connectnow.chassis.web.HibernateProblemDetailsAdvice;
import dev.connectnow.events.Topics;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.ClassUtils;

/**
 * A JDBC-only service starts and gets the database problem details and the outbox, without Hibernate on its
 * classpath. Run by its own surefire execution (test-kit pom: {@code jdbc-only}), which removes
 * hibernate-core; the chassis once registered its Hibernate advice regardless and such a service failed to
 * start with a NoClassDefFoundError.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.flyway.locations=classpath:db/jdbconly")
@ExtendWith(OutputCaptureExtension.class)
class JdbcOnlyServiceTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theServiceRunsWithoutHibernate() {
        assertThat(ClassUtils.isPresent("org.hibernate.exception.ConstraintViolationException", null))
                .as("this test's classpath has no Hibernate")
                .isFalse();
        assertThat(context.getBeanNamesForType(DatabaseProblemDetailsAdvice.class))
                .hasSize(1);
        assertThat(context.getBeanNamesForType(HibernateProblemDetailsAdvice.class))
                .isEmpty();
    }

    @Test
    void writesPublishThroughTheOutboxAndATakenValueIsAConflictLoggedByConstraintName(CapturedOutput output) {
        ApiClient api = ApiClient.local(port).as(TestTokens.accessToken(UUID.randomUUID()));
        String name = "private-handle-" + UUID.randomUUID();
        try (EventCollector users = new EventCollector(Topics.USER)) {
            ApiClient.Response created = api.post("/api/handles", Map.of("name", name));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            assertThat(users.await(r -> r.is("user.updated", created.text("id")), 1, Duration.ofSeconds(20)))
                    .hasSize(1);
        }

        assertProblem(api.post("/api/handles", Map.of("name", name)), 409);
        assertThat(output.getAll()).contains("handle_name_uq").doesNotContain(name);
    }
}
