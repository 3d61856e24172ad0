package dev.connectnow.gateway.config;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Builds the routes (with their filters and circuit breakers) once at start-up instead of on the first
 * request. The routes are static, so nothing rebuilds them later (the gateway's route refresh on every
 * service-registry heartbeat is turned off in {@code application.yml}).
 */
@Component
public class RoutesAtStartup implements ApplicationListener<ApplicationReadyEvent> {

    private final ApplicationEventPublisher publisher;

    public RoutesAtStartup(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        publisher.publishEvent(new RefreshRoutesEvent(this));
    }
}
