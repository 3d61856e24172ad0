package dev.connectnow.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.user.UserEvents;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventContractTest {

    private static final Map<String, String> TOPIC_OF_CONTEXT = Map.ofEntries(
            Map.entry("user", Topics.USER),
            Map.entry("session", Topics.USER),
            Map.entry("workspace", Topics.WORKSPACE),
            Map.entry("channel", Topics.CHANNEL),
            Map.entry("message", Topics.MESSAGE),
            Map.entry("reaction", Topics.MESSAGE),
            Map.entry("dm", Topics.DM),
            Map.entry("socket", Topics.CONNECTION),
            Map.entry("realtime", Topics.CONNECTION),
            Map.entry("presence", Topics.PRESENCE),
            Map.entry("typing", Topics.TYPING));

    @Test
    void everyCataloguedTypeTravelsOnItsContextsTopic() {
        assertThat(EventType.all())
                .extracting(EventType::name)
                .contains("user.registered", "workspace.member.removed", "message.created");
        for (EventType<?> type : EventType.all()) {
            String context = type.name().substring(0, type.name().indexOf('.'));
            assertThat(type.topic()).as(type.name()).isEqualTo(TOPIC_OF_CONTEXT.get(context));
            assertThat(type.payloadType().isRecord()).as(type.name()).isTrue();
        }
    }

    @Test
    void typesAreFoundByTheirWireName() {
        assertThat(EventType.byName("user.banned")).containsSame(UserEvents.BANNED);
        assertThat(EventType.byName("user.exploded")).isEmpty();
    }

    @Test
    void theEnvelopeUsesCloudEventsAttributeNames() {
        UUID user = UUID.randomUUID();
        EventEnvelope<UserEvents.UserBanned> envelope = EventEnvelope.of(
                UserEvents.BANNED,
                "/auth-service",
                user.toString(),
                null,
                new UserEvents.UserBanned(user, "spam", Instant.parse("2026-01-02T03:04:05Z")));
        JsonNode json = JsonMapper.builder().build().valueToTree(envelope);

        assertThat(json.propertyNames())
                .as("an absent sequence is left out, not written as null")
                .containsExactlyInAnyOrder(
                        "specversion", "id", "type", "source", "time", "subject", "datacontenttype", "data");
        assertThat(json.get("specversion").asString()).isEqualTo("1.0");
        assertThat(json.get("type").asString()).isEqualTo("user.banned");
        assertThat(json.get("subject").asString()).isEqualTo(user.toString());
        assertThat(json.get("data").get("bannedAt").asString()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void uuidV7IsVersionedAndStrictlyIncreasingEvenWithinAMillisecond() {
        UUID previous = UuidV7.next();
        assertThat(previous.version()).isEqualTo(7);
        assertThat(previous.variant()).isEqualTo(2);
        for (int i = 0; i < 20_000; i++) {
            UUID next = UuidV7.next();
            assertThat(Long.compareUnsigned(next.getMostSignificantBits(), previous.getMostSignificantBits()))
                    .as("id %d sorts after the one before it", i)
                    .isPositive();
            previous = next;
        }
        long embeddedMillis = previous.getMostSignificantBits() >>> 16;
        assertThat(embeddedMillis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 1_000);
    }
}
