package dev.connectnow.testkit.sample;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.Topics;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.workspace.WorkspaceEvents;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

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

        /** A note from an uploaded text file (multipart part {@code file}). */
        @PostMapping(path = "/api/notes/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
        @ResponseStatus(HttpStatus.CREATED)
        Note upload(@RequestPart("file") MultipartFile file, AuthenticatedUser me) throws IOException {
            return notes.create(me.userId(), new String(file.getBytes(), StandardCharsets.UTF_8));
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
                    .onEnvelope(UserEvents.UPDATED, this::noteUpdated, "userId")
                    .on(UserEvents.REGISTERED, this::registered, "userId", "username");
        }

        @KafkaListener(topics = Topics.USER)
        public void on(ConsumerRecord<String, String> record) {
            handlers.handle(record);
        }

        private void noteUpdated(UserEvents.UserUpdated note, EventJson.ReceivedEvent event) {
            jdbc.update("insert into received_note_event (event_id, note_id) values (?, ?)", event.id(), note.userId());
        }

        /** A second user with a taken username violates known_username_uq: a consumer failure with personal data. */
        private void registered(UserEvents.UserRegistered user) {
            jdbc.update("insert into known_username (username, user_id) values (?, ?)", user.username(), user.userId());
        }
    }

    /** A listener that takes a poll's records at once ({@code batch = "true"}), as a busy topic's consumer does. */
    @org.springframework.stereotype.Component
    static class WorkspaceBatchListener {
        static final String ID = "sample-workspace-batch";

        private final EventHandlers handlers;
        private final JdbcTemplate jdbc;

        WorkspaceBatchListener(EventDispatcher dispatcher, JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.handlers = dispatcher
                    .deduplicatedAs("chassis-sample.workspace")
                    .on(WorkspaceEvents.CREATED, this::created, "workspaceId", "slug");
        }

        @KafkaListener(id = ID, topics = Topics.WORKSPACE, batch = "true")
        public void on(List<ConsumerRecord<String, String>> records) {
            handlers.handleBatch(records);
        }

        private void created(WorkspaceEvents.WorkspaceCreated workspace) {
            jdbc.update(
                    "insert into received_workspace (workspace_id, slug) values (?, ?)",
                    workspace.workspaceId(),
                    workspace.slug());
        }
    }
}
