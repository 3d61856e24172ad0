package dev.connectnow.channel.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

    @Test
    void namesAreTrimmedLowercasedAndSpacesBecomeHyphens() {
        assertThat(ChannelName.normalize("  Team   Chat ", "name")).isEqualTo("team-chat");
        assertThat(ChannelName.normalize("Ops_2024", "name")).isEqualTo("ops_2024");
        assertThat(ChannelName.normalize("x".repeat(80), "name")).hasSize(80);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a.b", "#general", "ünï", "a%b", "' OR 1=1--", "emoji\uD83D\uDE00", "a\\b"})
    void otherCharactersAreRefusedNotDropped(String name) {
        assertThatThrownBy(() -> ChannelName.normalize(name, "name"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(400));
    }

    @Test
    void moreThan80CharactersAreRefused() {
        assertThatThrownBy(() -> ChannelName.normalize("x".repeat(81), "name")).isInstanceOf(ApiException.class);
    }
}
