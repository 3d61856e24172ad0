package dev.connectnow.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The least an HTTP proxy can do, as the gateway benchmark's floor: Reactor Netty's server and client — the same
 * event loops, native transport and LIFO connection pool as the gateway — passing every request to one upstream
 * and its answer back, with nothing between them (no security, routing, filters, metrics or logging). Run in a JVM
 * of its own with the production flags, it shows what any proxy hop costs on the machine: a third process, two more
 * loopback connections, two more wake-ups per request. What the gateway adds beyond it is the gateway's own.
 */
final class BareProxy {

    private BareProxy() {}

    /** {@code BareProxy <port> <upstream base URL>}: serves until the process is stopped. */
    public static void main(String[] args) {
        DisposableServer server = serve(Integer.parseInt(args[0]), args[1]);
        System.out.println("bare proxy on port " + server.port() + " to " + args[1]);
        server.onDispose().block();
    }

    /** Listens on {@code port} of the loopback address (0: any free one) and passes everything to the upstream. */
    static DisposableServer serve(int port, String upstreamBaseUrl) {
        ConnectionProvider pool = ConnectionProvider.builder("bare-proxy")
                .maxConnections(500)
                .lifo()
                .build();
        HttpClient upstream = HttpClient.create(pool).baseUrl(upstreamBaseUrl);
        return HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> upstream.headers(
                                headers -> headers.set(request.requestHeaders()).remove(HttpHeaderNames.HOST))
                        .request(request.method())
                        .uri(request.uri())
                        .send(request.receive().retain())
                        .response((answer, body) -> response.status(answer.status())
                                .headers(answer.responseHeaders())
                                .send(body.retain())))
                .bindNow();
    }

    /** Starts the proxy in its own JVM with the benchmarks' production flags, once it accepts connections. */
    static Process start(int port, String upstreamBaseUrl) throws IOException, InterruptedException {
        Process process = ServiceJvm.launch(
                "bare-proxy",
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        BareProxy.class.getName(),
                        Integer.toString(port),
                        upstreamBaseUrl),
                Map.of());
        ServiceJvm.awaitReady(process, "the bare proxy", Duration.ofMinutes(2), () -> accepts(port));
        return process;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException notYet) {
            return false;
        }
    }
}
