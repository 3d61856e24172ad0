package dev.connectnow.dm.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DirectMessageTypesTest {

    private static AttachmentPayload file(String mimeType) {
        UUID id = UUID.randomUUID();
        return new AttachmentPayload(id, "f", "/api/attachments/" + id + "/content", 1, mimeType, null, null, null);
    }

    @Test
    void theFilesDecideTheType() {
        assertThat(DirectMessageTypes.resolve(null, List.of())).isEqualTo(MessageType.TEXT);
        assertThat(DirectMessageTypes.resolve(null, List.of(file("image/png"), file("image/jpeg"))))
                .isEqualTo(MessageType.IMAGE);
        assertThat(DirectMessageTypes.resolve(null, List.of(file("video/mp4")))).isEqualTo(MessageType.VIDEO);
        assertThat(DirectMessageTypes.resolve(null, List.of(file("audio/ogg")))).isEqualTo(MessageType.AUDIO);
        assertThat(DirectMessageTypes.resolve(null, List.of(file("application/pdf"))))
                .isEqualTo(MessageType.FILE);
        assertThat(DirectMessageTypes.resolve(null, List.of(file("image/png"), file("audio/ogg"))))
                .as("a mix")
                .isEqualTo(MessageType.FILE);
        assertThat(DirectMessageTypes.resolve(MessageType.IMAGE, List.of(file("image/gif"))))
                .isEqualTo(MessageType.IMAGE);
        assertThat(DirectMessageTypes.resolve(MessageType.TEXT, List.of())).isEqualTo(MessageType.TEXT);
    }

    @Test
    void aRequestedTypeMustAgreeAndSystemIsNeverAccepted() {
        assertRefused(() -> DirectMessageTypes.resolve(MessageType.AUDIO, List.of(file("image/png"))));
        assertRefused(() -> DirectMessageTypes.resolve(MessageType.TEXT, List.of(file("image/png"))));
        assertRefused(() -> DirectMessageTypes.resolve(MessageType.SYSTEM, List.of()));
        assertRefused(() -> DirectMessageTypes.checkRequested(MessageType.FILE, false));
        assertRefused(() -> DirectMessageTypes.checkRequested(MessageType.SYSTEM, true));
        DirectMessageTypes.checkRequested(MessageType.VIDEO, true); // decided once the files are known
    }

    private static void assertRefused(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.properties()).containsKey("errors"));
    }
}
