package dev.connectnow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class BareProxyTest {

    private DisposableServer upstream;
    private DisposableServer proxy;

    @AfterEach
    void stop() {
        proxy.disposeNow();
        upstream.disposeNow();
    }

    @Test
    void aRequestAndItsAnswerPassThroughUnchanged() throws Exception {
        upstream = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(body -> response.status(201)
                                .header(
                                        "X-Seen",
                                        request.method() + " " + request.uri() + " "
                                                + request.requestHeaders().get("Authorization") + " "
                                                + request.requestHeaders().get("Host"))
                                .sendString(Mono.just("echo:" + body))
                                .then()))
                .bindNow();
        proxy = BareProxy.serve(0, "http://127.0.0.1:" + upstream.port());

        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/api/things?a=1"))
                                .header("Authorization", "Bearer t")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("echo:{\"x\":1}");
        assertThat(answer.headers().firstValue("X-Seen"))
                .hasValue("POST /api/things?a=1 Bearer t 127.0.0.1:" + upstream.port());
    }
}
