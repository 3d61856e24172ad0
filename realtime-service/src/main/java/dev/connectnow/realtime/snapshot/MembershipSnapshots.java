package dev.connectnow.realtime.snapshot;

import dev.connectnow.realtime.routing.MembershipSnapshot;
import dev.connectnow.realtime.routing.MembershipSnapshot.ChannelMembership;
import dev.connectnow.realtime.routing.SnapshotLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One user's memberships from the services that own them (contract 3), each through Eureka behind its own
 * circuit breaker and time limit, with the user's own access token, every page followed:
 * {@code GET /api/workspaces}, {@code GET /api/channels/memberships}, {@code GET /api/dm/conversations}.
 *
 * <p>Workspaces and channels are required: without them the user's events cannot be routed, so the socket is
 * refused (4013, try again). DM partners only widen who may see the user's presence; when dm-service is
 * unavailable the snapshot goes on without them (logged) and {@code dm.conversation.created} events still add
 * partners from then on.
 */
public final class MembershipSnapshots implements SnapshotLoader {

    private static final Logger log = LoggerFactory.getLogger(MembershipSnapshots.class);
    private static final int PAGE = 200;

    private final WebClient http;
    private final ReactiveCircuitBreakerFactory<?, ?> breakers;
    private final SnapshotSources sources;

    /** Base URLs of the owning services: {@code http://workspace-service} etc. (resolved through Eureka). */
    public record SnapshotSources(String workspaces, String channels, String conversations) {}

    public MembershipSnapshots(WebClient http, ReactiveCircuitBreakerFactory<?, ?> breakers, SnapshotSources sources) {
        this.http = http;
        this.breakers = breakers;
        this.sources = sources;
    }

    @Override
    public CompletableFuture<MembershipSnapshot> load(UUID userId, String accessToken) {
        Mono<HashSet<UUID>> workspaces = pages(
                        "workspace-service", sources.workspaces() + "/api/workspaces", accessToken)
                .map(item -> UUID.fromString(item.path("id").asString()))
                .collect(() -> new HashSet<UUID>(), Set::add);
        Mono<List<ChannelMembership>> channels = pages(
                        "channel-service", sources.channels() + "/api/channels/memberships", accessToken)
                .map(item -> new ChannelMembership(
                        UUID.fromString(item.path("channelId").asString()),
                        UUID.fromString(item.path("workspaceId").asString()),
                        item.path("isPrivate").asBoolean(),
                        item.path("memberCount").asInt(0)))
                .collectList();
        Mono<Set<UUID>> partners = pages("dm-service", sources.conversations() + "/api/dm/conversations", accessToken)
                .map(item -> UUID.fromString(item.path("otherUser").path("id").asString()))
                .collect(() -> new HashSet<UUID>(), Set::add)
                .<Set<UUID>>map(set -> set)
                .onErrorResume(failure -> {
                    log.warn("DM partners unavailable, continuing without them: {}", failure.toString());
                    return Mono.just(Set.of());
                });
        return Mono.zip(workspaces, channels, partners)
                .map(t -> new MembershipSnapshot(t.getT1(), t.getT2(), t.getT3()))
                .toFuture();
    }

    /** Every item of a keyset-paged list, page after page, each page behind the service's breaker. */
    private Flux<JsonNode> pages(String service, String url, String accessToken) {
        Function<String, Mono<JsonNode>> page = cursor -> breakers.create("snapshot-" + service)
                .run(
                        http.get()
                                .uri(UriComponentsBuilder.fromUriString(url)
                                        .queryParam("limit", PAGE)
                                        .queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor))
                                        .build()
                                        .toUri())
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                                .retrieve()
                                .onStatus(
                                        status -> status.is4xxClientError(),
                                        response -> Mono.just(new SnapshotRejected(
                                                service, response.statusCode().value())))
                                .bodyToMono(JsonNode.class),
                        Mono::error);
        return page.apply(null)
                .expand(body -> {
                    JsonNode next = body.path("nextCursor");
                    return next.isString() && !next.asString().isEmpty() ? page.apply(next.asString()) : Mono.empty();
                })
                .flatMapIterable(body -> {
                    List<JsonNode> items = new ArrayList<>();
                    body.path("items").forEach(items::add);
                    return items;
                });
    }
}
