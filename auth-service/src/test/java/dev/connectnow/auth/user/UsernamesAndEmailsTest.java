package dev.connectnow.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsernamesAndEmailsTest {

    @Test
    void usernamesAreStoredLowerCase() {
        assertThat(Usernames.normalize("Ada_Lovelace.1-x")).hasValue("ada_lovelace.1-x");
        assertThat(Usernames.normalize("abc")).hasValue("abc");
        assertThat(Usernames.normalize("a".repeat(32))).isPresent();
    }

    @Test
    void usernamesOutsideTheAlphabetOrLengthAreRefused() {
        assertThat(Usernames.normalize("ab")).isEmpty();
        assertThat(Usernames.normalize("a".repeat(33))).isEmpty();
        assertThat(Usernames.normalize("with space")).isEmpty();
        assertThat(Usernames.normalize("at@sign")).isEmpty();
        assertThat(Usernames.normalize("ümlaut")).isEmpty();
        assertThat(Usernames.normalize("\u212Aelvin")).isEmpty(); // Kelvin sign would lower-case to 'k'
        assertThat(Usernames.normalize("' OR 1=1--")).isEmpty();
        assertThat(Usernames.normalize("%")).isEmpty();
        assertThat(Usernames.normalize(null)).isEmpty();
    }

    @Test
    void emailsNeedOneAtAndADottedDomain() {
        assertThat(Emails.isValid("ada@example.com")).isTrue();
        assertThat(Emails.isValid("Ada.Lovelace+tag@Mail.Example.CO.UK")).isTrue();
        assertThat(Emails.isValid("a@b")).isFalse();
        assertThat(Emails.isValid("no-at.example.com")).isFalse();
        assertThat(Emails.isValid("two@@example.com")).isFalse();
        assertThat(Emails.isValid("spa ce@example.com")).isFalse();
        assertThat(Emails.isValid("x".repeat(65) + "@example.com")).isFalse();
        assertThat(Emails.isValid("a@" + "d".repeat(250) + ".com")).isFalse(); // over 254
        assertThat(Emails.isValid("a@example..com")).isFalse();
    }

    @Test
    void emailsCompareCaseInsensitivelyAndTellThemselvesFromUsernames() {
        assertThat(Emails.comparisonKey("Ada@Example.COM")).isEqualTo("ada@example.com");
        assertThat(Emails.looksLikeEmail("ada@example.com")).isTrue();
        assertThat(Emails.looksLikeEmail("ada")).isFalse();
    }
}
