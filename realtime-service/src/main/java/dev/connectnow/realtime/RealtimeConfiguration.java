package dev.connectnow.realtime;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.realtime.connection.ConnectionEventPublisher;
import dev.connectnow.realtime.connection.KafkaEventSender;
import dev.connectnow.realtime.consumer.EventListeners.RealtimeListenerSettings;
import dev.connectnow.realtime.endpoint.ResumeUrls;
import dev.connectnow.realtime.endpoint.SocketEndpoint;
import dev.connectnow.realtime.fanout.EventRouter;
import dev.connectnow.realtime.identity.AccessTokens;
import dev.connectnow.realtime.instance.InstanceIdentity;
import dev.connectnow.realtime.routing.RoutingIndex;
import dev.connectnow.realtime.session.Revocations;
import dev.connectnow.realtime.session.SessionRegistry;
import dev.connectnow.realtime.snapshot.MembershipSnapshots;
import dev.connectnow.realtime.snapshot.SnapshotRejected;
import dev.connectnow.realtime.socket.RealtimeMetrics;
import dev.connectnow.realtime.socket.SocketHub;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/** Wires the protocol engine (plain classes) to Spring: Kafka, Eureka, the owning services, Micrometer. */
@Configuration(proxyBeanMethods = false)
class RealtimeConfiguration {

    @Bean
    RoutingIndex routingIndex() {
        return new RoutingIndex();
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistry();
    }

    @Bean
    RealtimeMetrics realtimeMetrics(MeterRegistry registry) {
        return new RealtimeMetrics(registry);
    }

    /** Readiness: up only while sockets are accepted (consumers assigned, not stopping); the gateway probes it. */
    @Bean
    HealthIndicator socketsHealthIndicator(SocketHub hub) {
        return () ->
                hub.accepting() ? Health.up().build() : Health.outOfService().build();
    }

    @Bean(destroyMethod = "close")
    KafkaEventSender kafkaEventSender(KafkaTemplate<String, String> kafka, MeterRegistry registry) {
        KafkaEventSender sender = new KafkaEventSender(kafka, 10_000);
        registry.gauge("connectnow.realtime.events.dropped", List.of(), sender, KafkaEventSender::dropped);
        return sender;
    }

    @Bean
    ConnectionEventPublisher connectionEventPublisher(
            KafkaEventSender sender,
            EventJson eventJson,
            Clock clock,
            @Value("${" + InstanceIdentity.KEY_PROPERTY + "}") String instanceKey,
            @Value("${spring.application.name}") String application) {
        return new ConnectionEventPublisher(sender, eventJson, clock, application + ":" + instanceKey);
    }

    @Bean(destroyMethod = "shutdown")
    Executor authExecutor() {
        // token checks may fetch the JWKS (blocking, rarely): never on a socket's event loop
        return Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "realtime-auth");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    @LoadBalanced
    WebClient.Builder loadBalancedWebClient() {
        return WebClient.builder();
    }

    @Bean
    MembershipSnapshots membershipSnapshots(
            WebClient.Builder loadBalancedWebClient,
            ReactiveCircuitBreakerFactory<?, ?> breakers,
            @Value("${connectnow.realtime.snapshot.workspace-url:http://workspace-service}") String workspaces,
            @Value("${connectnow.realtime.snapshot.channel-url:http://channel-service}") String channels,
            @Value("${connectnow.realtime.snapshot.dm-url:http://dm-service}") String conversations) {
        return new MembershipSnapshots(
                loadBalancedWebClient.build(),
                breakers,
                new MembershipSnapshots.SnapshotSources(workspaces, channels, conversations));
    }

    /** A 4xx from an owning service is the caller's problem and never opens a breaker; timeouts are failures. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> snapshotBreakers(RealtimeProperties properties) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .ignoreExceptions(SnapshotRejected.class)
                        .build())
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(properties.snapshotTimeout())
                        .build())
                .build());
    }

    @Bean(destroyMethod = "")
    SocketHub socketHub(
            RealtimeProperties properties,
            Clock clock,
            JwtDecoder decoder,
            MembershipSnapshots snapshots,
            RoutingIndex index,
            SessionRegistry sessions,
            ConnectionEventPublisher events,
            RealtimeMetrics metrics,
            Executor authExecutor) {
        return new SocketHub(
                properties,
                clock,
                System::nanoTime,
                new AccessTokens(decoder),
                snapshots,
                index,
                sessions,
                new Revocations(properties.revocationMemory()),
                events,
                metrics,
                authExecutor);
    }

    @Bean
    EventRouter eventRouter(
            EventDispatcher dispatcher, JsonMapper jsonMapper, SocketHub hub, RealtimeProperties properties) {
        return new EventRouter(
                dispatcher,
                jsonMapper,
                hub,
                properties.typing().coalesce(),
                properties.typing().maxMembers(),
                System::nanoTime);
    }

    @Bean
    RealtimeListenerSettings realtimeListenerSettings(RealtimeProperties properties) {
        return new RealtimeListenerSettings(properties.revocationMemory());
    }

    /**
     * This instance's own consumer group, from the latest offsets, never committing: a restarted instance
     * has new sockets and owes nothing to the old ones.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> realtimeListenerFactory(
            KafkaProperties kafka,
            @Value("${spring.application.name}") String application,
            @Value("${" + InstanceIdentity.KEY_PROPERTY + "}") String instanceKey) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, application + "-" + instanceKey);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, String> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.getContainerProperties().setMissingTopicsFatal(false);
        return factory;
    }

    @Bean
    ResumeUrls resumeUrls(@Value("${" + InstanceIdentity.KEY_PROPERTY + "}") String instanceKey) {
        return new ResumeUrls(instanceKey);
    }

    @Bean
    SimpleUrlHandlerMapping socketEndpointMapping(SocketHub hub, ResumeUrls resumeUrls, RealtimeProperties properties) {
        SocketEndpoint endpoint = new SocketEndpoint(hub, resumeUrls, properties);
        return new SimpleUrlHandlerMapping(
                Map.of("/ws", endpoint, "/ws/resume/*", endpoint), Ordered.HIGHEST_PRECEDENCE);
    }
}
