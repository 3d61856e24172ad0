package dev.connectnow.chassis.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The dispatch rules without a database; de-duplication is tested on the sample service (ChassisOutboxTest). */
class EventHandlersTest {

    private final EventJson json = new EventJson(JsonMapper.builder().build());
    private final EventDispatcher dispatcher = new EventDispatcher(json, null, null);
    private final List<Object> handled = new ArrayList<>();

    private final EventHandlers handlers = dispatcher
            .withoutDeduplication()
            .on(UserEvents.BANNED, this::record, "userId", "bannedAt")
            .onEnvelope(UserEvents.UNBANNED, (payload, event) -> handled.add(event.id()));

    @Test
    void eachTypeGoesToItsHandlerAndOthersAreIgnored() {
        UUID user = UUID.randomUUID();
        UserBanned banned = new UserBanned(user, "spam", Instant.parse("2026-01-01T00:00:00Z"));
        handlers.handle(write(UserEvents.BANNED, banned));
        EventEnvelope<UserUnbanned> unbanned =
                envelope(UserEvents.UNBANNED, new UserUnbanned(user, Instant.parse("2026-01-02T00:00:00Z")));
        handlers.handle(json.write(unbanned));
        handlers.handle(
                write(UserEvents.REGISTERED, new UserEvents.UserRegistered(user, "u", "U", null, Instant.now())));

        assertThat(handled).containsExactly(banned, unbanned.id());
        assertThat(handlers.types()).containsExactlyInAnyOrder("user.banned", "user.unbanned");
    }

    @Test
    void anEventReadByTheListenerFirstIsHandledTheSameWay() {
        UserBanned banned = new UserBanned(UUID.randomUUID(), "spam", Instant.parse("2026-01-01T00:00:00Z"));
        EventJson.ReceivedEvent event = json.read(write(UserEvents.BANNED, banned));
        handlers.handle(event);
        assertThat(handled).containsExactly(banned);
    }

    @Test
    void aMissingRequiredFieldOrAPayloadOfTheWrongShapeIsMalformed() {
        String withoutTime = write(UserEvents.BANNED, new UserBanned(UUID.randomUUID(), "spam", null));
        assertThatThrownBy(() -> handlers.handle(withoutTime))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("bannedAt");
        String wrongType = write(UserEvents.BANNED, new UserBanned(UUID.randomUUID(), "spam", Instant.now()))
                .replaceFirst("\"userId\":\"[^\"]+\"", "\"userId\":\"not-a-uuid\"");
        assertThatThrownBy(() -> handlers.handle(wrongType)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> handlers.handle("{\"no\": \"envelope\"}")).isInstanceOf(MalformedEventException.class);
        assertThat(handled).isEmpty();
    }

    @Test
    void mistakesInTheTableFailWhenItIsBuilt() {
        assertThatThrownBy(() -> dispatcher.withoutDeduplication().on(UserEvents.BANNED, this::record, "userid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userid");
        assertThatThrownBy(() -> handlers.on(UserEvents.BANNED, this::record))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dispatcher.deduplicatedAs("no-database")).isInstanceOf(IllegalStateException.class);
    }

    private void record(Object payload) {
        handled.add(payload);
    }

    private <T> String write(dev.connectnow.events.EventType<T> type, T data) {
        return json.write(envelope(type, data));
    }

    private static <T> EventEnvelope<T> envelope(dev.connectnow.events.EventType<T> type, T data) {
        return EventEnvelope.of(type, "/test", "subject", null, data);
    }
}
