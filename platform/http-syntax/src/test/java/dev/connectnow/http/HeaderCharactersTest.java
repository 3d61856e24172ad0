package dev.connectnow.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The rules are those of Spring Security's strict firewalls, whose own predicates are the reference here. */
class HeaderCharactersTest {

    private static final Predicate<String> HEADER_NAME = StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES;

    private static final Predicate<String> HEADER_VALUE = StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES;

    private static final Predicate<String> PARAMETER_NAME = StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES;

    @Test
    void everyCodePointIsJudgedAsTheFirewallsExpressionsJudgeIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "b";
            assertThat(HeaderCharacters.isAllowedName(text))
                    .as("name with U+%04X", codePoint)
                    .isEqualTo(HEADER_NAME.test(text))
                    .isEqualTo(PARAMETER_NAME.test(text))
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text))
                    .isEqualTo(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(text));
            assertThat(HeaderCharacters.isAllowedHeaderValue(text))
                    .as("value with U+%04X", codePoint)
                    .isEqualTo(HEADER_VALUE.test(text))
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
    }

    @Test
    void controlCharactersAreRefusedButATabInAValueAndLoneSurrogatesAsTheExpressionsDo() {
        assertThat(HeaderCharacters.isAllowedHeaderValue("Bearer abc")).isTrue();
        assertThat(HeaderCharacters.isAllowedHeaderValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.isAllowedName("a\tb")).isFalse();
        assertThat(HeaderCharacters.isAllowedHeaderValue("a\u0000b")).isFalse();
        assertThat(HeaderCharacters.isAllowedHeaderValue("a\r\nb")).isFalse();
        assertThat(HeaderCharacters.isAllowedHeaderValue("a\u0378b")).isFalse(); // unassigned
        assertThat(HeaderCharacters.isAllowedName("emoji \uD83D\uDE00")).isTrue();
        for (String loneSurrogate : new String[] {"a\uD83Db", "a\uDE00b", "\uD83D"}) {
            assertThat(HeaderCharacters.isAllowedHeaderValue(loneSurrogate))
                    .isEqualTo(HEADER_VALUE.test(loneSurrogate))
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(loneSurrogate));
        }
        // the firewall asks about the value of every lookup, an absent header's too
        assertThat(HeaderCharacters.isAllowedHeaderValue(null))
                .isEqualTo(HEADER_VALUE.test(null))
                .isTrue();
    }
}
