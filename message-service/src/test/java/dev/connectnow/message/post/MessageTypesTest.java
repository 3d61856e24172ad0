package dev.connectnow.message.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.message.MessageEvents.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTypesTest {

    @Test
    void theTypeFollowsTheAttachments() {
        assertThat(MessageTypes.resolve(null, List.of())).isEqualTo(MessageType.TEXT);
        assertThat(MessageTypes.resolve(null, List.of("image/png", "image/gif")))
                .isEqualTo(MessageType.IMAGE);
        assertThat(MessageTypes.resolve(null, List.of("video/mp4"))).isEqualTo(MessageType.VIDEO);
        assertThat(MessageTypes.resolve(null, List.of("audio/mpeg"))).isEqualTo(MessageType.AUDIO);
        assertThat(MessageTypes.resolve(null, List.of("application/pdf"))).isEqualTo(MessageType.FILE);
        assertThat(MessageTypes.resolve(null, List.of("image/png", "video/mp4")))
                .isEqualTo(MessageType.FILE);
        assertThat(MessageTypes.resolve(MessageType.IMAGE, List.of("image/jpeg")))
                .isEqualTo(MessageType.IMAGE);
    }

    @Test
    void aGivenTypeMustAgreeAndSystemIsNeverAccepted() {
        assertThatThrownBy(() -> MessageTypes.resolve(MessageType.IMAGE, List.of()))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> MessageTypes.resolve(MessageType.TEXT, List.of("image/png")))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> MessageTypes.resolve(MessageType.SYSTEM, List.of()))
                .isInstanceOf(ApiException.class);
    }
}
