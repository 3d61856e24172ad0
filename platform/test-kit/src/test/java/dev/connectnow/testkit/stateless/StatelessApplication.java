package dev.connectnow.testkit.stateless;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A servlet service configured without a database and without Kafka (their auto-configurations are
 * excluded, as if the libraries were absent): the chassis must still give it security and problem details.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
        })
public class StatelessApplication {

    record Greeting(@NotBlank String name) {}

    @RestController
    static class GreetingController {

        @PostMapping("/api/greetings")
        String greet(@Valid @RequestBody Greeting greeting, AuthenticatedUser me) {
            return "hello " + greeting.name() + " from " + me.userId();
        }

        @GetMapping("/api/greetings/{id}")
        String read(@PathVariable UUID id) {
            throw ApiException.notFound("Greeting not found");
        }

        @GetMapping("/api/greetings")
        Page<String> list(
                @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
            PageRequest page = PageRequest.of(limit, cursor, 1);
            return Page.of(List.of("a", "b", "c"), page.limit(), item -> item, item -> item);
        }

        @GetMapping("/api/greetings/upstream")
        String upstream() {
            throw ApiException.serviceUnavailable("The greeting directory is unavailable", Duration.ofSeconds(7));
        }

        @GetMapping("/api/public/status")
        String status() {
            return "up";
        }
    }
}
