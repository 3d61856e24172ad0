package dev.connectnow.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Logs circuit state changes (one WARN line when a route's circuit opens, INFO when it
 * closes again) instead of one line per failed request.
 */
@Component
public class CircuitBreakerEventsLogger implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakerEventsLogger.class);

    private final CircuitBreakerRegistry registry;

    public CircuitBreakerEventsLogger(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        registry.getAllCircuitBreakers().forEach(this::watch);
        registry.getEventPublisher()
                .onEntryAdded((EntryAddedEvent<CircuitBreaker> event) -> watch(event.getAddedEntry()));
    }

    private void watch(CircuitBreaker circuitBreaker) {
        circuitBreaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.StateTransition transition = event.getStateTransition();
            if (transition.getToState() == CircuitBreaker.State.OPEN
                    || transition.getToState() == CircuitBreaker.State.FORCED_OPEN) {
                log.warn("Circuit of route {} opened ({})", event.getCircuitBreakerName(), transition);
            } else {
                log.info("Circuit of route {}: {}", event.getCircuitBreakerName(), transition);
            }
        });
    }
}
