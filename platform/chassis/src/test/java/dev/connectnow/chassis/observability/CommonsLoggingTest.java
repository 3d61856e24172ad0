package dev.connectnow.chassis.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

/**
 * Spring's log calls through Commons Logging cost nothing when their level is off: the chassis'
 * {@code commons-logging.properties} routes them through the Log4j API, which checks the level before it
 * renders the message (the SLF4J bridge Commons Logging picks by default renders first).
 */
class CommonsLoggingTest {

    @Test
    void aDisabledMessageIsNeverRendered() {
        Log log = LogFactory.getLog("dev.connectnow.chassis.observability.quiet");
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
