package dev.connectnow.chassis.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.LoggingProducerListener;

class ProducerLogHygieneTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(LoggingProducerListener.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void aFailedSendIsLoggedWithoutTheEventsContents() {
        LoggingProducerListener<String, String> listener = new LoggingProducerListener<>();
        new ProducerLogHygiene().postProcessBeforeInitialization(listener, "kafkaProducerListener");

        listener.onError(
                new ProducerRecord<>("connectnow.user", "user-key", "{\"username\":\"alice\"}"),
                null,
                new IllegalStateException("broker down"));

        assertThat(appender.list).hasSize(1);
        String line = appender.list.get(0).getFormattedMessage();
        assertThat(line).contains("connectnow.user").doesNotContain("alice").doesNotContain("user-key");
    }
}
