package dev.connectnow.testkit.jdbconly;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.user.UserEvents;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service on {@code platform-starter-data} without JPA (docs/chassis.md allows excluding
 * {@code spring-boot-starter-data-jpa}): plain {@link JdbcTemplate}, Flyway and the outbox. Its test runs
 * in a surefire execution of its own whose classpath has no Hibernate.
 */
@SpringBootApplication
public class JdbcOnlyApplication {

    record NewHandle(String name) {}

    @RestController
    static class HandleController {
        private final HandleService handles;

        HandleController(HandleService handles) {
            this.handles = handles;
        }

        @PostMapping("/api/handles")
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, Object> create(@RequestBody NewHandle body) {
            return Map.of("id", handles.create(body.name()));
        }
    }

    @Service
    static class HandleService {
        private final JdbcTemplate jdbc;
        private final OutboxPublisher outbox;
        private final Clock clock;

        HandleService(JdbcTemplate jdbc, OutboxPublisher outbox, Clock clock) {
            this.jdbc = jdbc;
            this.outbox = outbox;
            this.clock = clock;
        }

        @Transactional
        UUID create(String name) {
            UUID id = UuidV7.next();
            jdbc.update("insert into handle (id, name) values (?, ?)", id, name);
            outbox.publish(
                    UserEvents.UPDATED, id, new UserEvents.UserUpdated(id, name, name, null, null, clock.instant()));
            return id;
        }
    }
}
