package dev.connectnow.testkit.sample;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.Topics;
import dev.connectnow.events.user.UserEvents;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
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
        private final Clock clock;

        NoteService(JdbcTemplate jdbc, OutboxPublisher outbox, Clock clock) {
            this.jdbc = jdbc;
            this.outbox = outbox;
            this.clock = clock;
        }

        @Transactional
        Note create(UUID owner, String text) {
            UUID id = UUID.randomUUID();
            jdbc.update("insert into note (id, owner_id, text) values (?, ?, ?)", id, owner, text);
            // any catalogued event type will do for exercising the outbox
            outbox.publish(
                    UserEvents.UPDATED, id, new UserEvents.UserUpdated(id, "note", text, null, null, clock.instant()));
            return new Note(id, owner, text);
        }
    }

    /** The consumer convention: a listener per topic handing records to a typed handler table. */
    @org.springframework.stereotype.Component
    static class NoteEventListener {
        private final EventHandlers handlers;
        private final JdbcTemplate jdbc;

        NoteEventListener(EventDispatcher dispatcher, JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.handlers = dispatcher
                    .deduplicatedAs("chassis-sample.user")
                    .onEnvelope(UserEvents.UPDATED, this::noteUpdated, "userId");
        }

        @KafkaListener(topics = Topics.USER)
        public void on(ConsumerRecord<String, String> record) {
            handlers.handle(record);
        }

        private void noteUpdated(UserEvents.UserUpdated note, EventJson.ReceivedEvent event) {
            jdbc.update("insert into received_note_event (event_id, note_id) values (?, ?)", event.id(), note.userId());
        }
    }
}
