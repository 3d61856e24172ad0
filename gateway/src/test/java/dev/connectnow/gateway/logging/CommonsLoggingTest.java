package dev.connectnow.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

/** Spring's log calls through Commons Logging must cost nothing when their level is off. */
class CommonsLoggingTest {

    @Test
    void aDisabledMessageIsNeverRendered() {
        Log log = LogFactory.getLog("dev.connectnow.gateway.logging.quiet");
        AtomicInteger rendered = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                rendered.incrementAndGet();
                return "expensive";
            }
        };
        assertThat(log.isDebugEnabled()).isFalse();
        log.debug(message);
        log.trace(message);
        assertThat(rendered).hasValue(0);
        assertThat(log.isInfoEnabled()).isTrue();
    }
}
