package dev.connectnow.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

class RouteContextShortcutTest {

    private final MockServerWebExchange exchange =
            MockServerWebExchange.from(MockServerHttpRequest.get("/api/users/me"));

    /** A route whose operators ask for the subscriber context: a filter when subscribed, then() for each value. */
    private final GatewayFilterChain route =
            exchange -> Flux.range(0, 100).filter(i -> i % 2 == 0).then();

    @Test
    void theRoutesOperatorsAreAnsweredWithoutAskingTheLayersAboveTheRoute() {
        RootSubscriber withShortcut = subscribeBelowTwoLayers(new RouteContextShortcut().filter(exchange, route));
        RootSubscriber without = subscribeBelowTwoLayers(route.filter(exchange));

        assertThat(withShortcut.completed).isTrue();
        assertThat(without.completed).isTrue();
        // once, when the shortcut was subscribed; without it every look-up of the route reached the root
        assertThat(withShortcut.asked).hasValue(1);
        assertThat(without.asked).hasValueGreaterThan(50);
    }

    @Test
    void theRouteSeesTheContextItWasGiven() {
        AtomicReference<String> seen = new AtomicReference<>();
        GatewayFilterChain readsTheContext = exchange -> Mono.deferContextual(context -> {
            seen.set(context.get("user"));
            return Mono.empty();
        });

        subscribeBelowTwoLayers(new RouteContextShortcut().filter(exchange, readsTheContext));

        assertThat(seen).hasValue("alice");
    }

    /** As a request's route is subscribed: below other filters' operators, each passing context look-ups on. */
    private static RootSubscriber subscribeBelowTwoLayers(Mono<Void> routed) {
        RootSubscriber root = new RootSubscriber();
        routed.doOnSuccess(ignored -> {}).onErrorResume(error -> Mono.empty()).subscribe(root);
        return root;
    }

    /** The server's end of the chain: the one subscriber with a context of its own, counting who asks for it. */
    private static final class RootSubscriber implements CoreSubscriber<Void> {

        final AtomicInteger asked = new AtomicInteger();

        boolean completed;

        @Override
        public Context currentContext() {
            asked.incrementAndGet();
            return Context.of("user", "alice");
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(@Nullable Void value) {}

        @Override
        public void onError(Throwable error) {
            throw new AssertionError(error);
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
