package dev.connectnow.testkit.sample;

import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.user.UserEvents;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service on the chassis, used to test the chassis itself. */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    record NewNote(@NotBlank @Size(max = 20) String text) {}

    record Note(UUID id, UUID ownerId, String text) {}

    @RestController
    static class NoteController {
        private final NoteService notes;

        NoteController(NoteService notes) {
            this.notes = notes;
        }

        @PostMapping("/api/notes")
        @ResponseStatus(HttpStatus.CREATED)
        Note create(@Valid @RequestBody NewNote body, AuthenticatedUser me) {
            return notes.create(me.userId(), body.text());
        }

        @GetMapping("/api/public/ping")
        String ping() {
            return "pong";
        }

        @GetMapping("/api/notes/{id}")
        Note read(@PathVariable UUID id, AuthenticatedUser me) {
            throw ApiException.notFound("Note not found").with("noteId", id);
        }
    }

    @org.springframework.stereotype.Service
    static class NoteService {
        private final JdbcTemplate jdbc;
        private final OutboxPublisher outbox;

        NoteService(JdbcTemplate jdbc, OutboxPublisher outbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
        }

        @Transactional
        Note create(UUID owner, String text) {
            UUID id = UUID.randomUUID();
            jdbc.update("insert into note (id, owner_id, text) values (?, ?, ?)", id, owner, text);
            // any catalogued event type will do for exercising the outbox
            outbox.publish(
                    UserEvents.UPDATED, id, new UserEvents.UserUpdated(id, "note", text, null, null, Instant.now()));
            return new Note(id, owner, text);
        }
    }

    @org.springframework.stereotype.Component
    static class NoteEventListener {
        private final EventJson json;
        private final ProcessedEvents processed;
        private final JdbcTemplate jdbc;

        NoteEventListener(EventJson json, ProcessedEvents processed, JdbcTemplate jdbc) {
            this.json = json;
            this.processed = processed;
            this.jdbc = jdbc;
        }

        @KafkaListener(topics = "connectnow.user")
        @Transactional
        public void on(ConsumerRecord<String, String> record) {
            EventJson.ReceivedEvent event = json.read(record.value());
            if (!event.is(UserEvents.UPDATED) || !processed.firstTime("sample", event.id())) {
                return;
            }
            UserEvents.UserUpdated data = event.data(UserEvents.UPDATED);
            jdbc.update("insert into received_note_event (event_id, note_id) values (?, ?)", event.id(), data.userId());
        }
    }
}
