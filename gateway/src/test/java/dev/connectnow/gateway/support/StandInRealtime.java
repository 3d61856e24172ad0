package dev.connectnow.gateway.support;

import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/** A stand-in realtime-service instance: a free port, a readiness endpoint answering as told, the socket routes given. */
public final class StandInRealtime {

    private StandInRealtime() {}

    /** @param readiness the readiness endpoint's status: 200 is ready, 503 is stopping */
    public static DisposableServer start(int readiness, Consumer<HttpServerRoutes> socketRoutes) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> {
                    routes.get(
                            "/actuator/health/readiness",
                            (request, response) -> response.status(readiness)
                                    .header("Content-Type", "application/json")
                                    .sendString(Mono.just(
                                            readiness == 200
                                                    ? "{\"status\":\"UP\"}"
                                                    : "{\"status\":\"OUT_OF_SERVICE\"}")));
                    socketRoutes.accept(routes);
                })
                .bindNow();
    }
}
