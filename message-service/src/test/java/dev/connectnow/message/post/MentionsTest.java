package dev.connectnow.message.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsUsernamesInOrderCaseInsensitiveWithoutEmailAddresses() {
        assertThat(Mentions.candidates("@Ada and @bob_1, mail ada@example.com, @ada again, @xy too short"))
                .containsExactly("ada", "bob_1");
    }

    @Test
    void triesSentencePunctuationBothWays() {
        assertThat(Mentions.candidates("thanks @ada.")).containsExactly("ada.", "ada");
        assertThat(Mentions.candidates("cc @ada.lovelace")).containsExactly("ada.lovelace");
    }

    @Test
    void nothingWithoutAnAt() {
        assertThat(Mentions.candidates("no mentions here")).isEmpty();
        assertThat(Mentions.candidates(null)).isEmpty();
    }

    @Test
    void boundsTheLookups() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append("@user").append(i).append(' ');
        }
        assertThat(Mentions.candidates(many.toString())).hasSize(Mentions.MAX_LOOKUPS);
    }
}
