package dev.connectnow.chassis.observability;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * Spring Kafka logs every failed send at ERROR with the record's key and value; an event's value holds
 * usernames, display names and message text, which never go to the logs. The failure itself (topic,
 * exception) is still logged, and the outbox keeps the event for the next attempt.
 */
final class ProducerLogHygiene implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof LoggingProducerListener<?, ?> listener) {
            listener.setIncludeContents(false);
        }
        return bean;
    }
}
