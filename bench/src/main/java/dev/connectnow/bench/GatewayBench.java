package dev.connectnow.bench;

import dev.connectnow.devstack.Console;
import dev.connectnow.devstack.DevStackConfig;
import dev.connectnow.devstack.LocalPlatform;
import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.devstack.ServiceDefinition;
import dev.connectnow.devstack.Services;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway adds to a request: the real platform (discovery, auth-service, gateway as separate
 * JVMs, started by the devstack launcher) serves an authenticated {@code GET /api/users/me}, once
 * straight from auth-service and once through the gateway (edge JWT validation, rate limiter, circuit
 * breaker, load balancing, access log). Open model: requests leave at a fixed rate and latency counts
 * from the intended send time. Rounds alternate so drift on a shared machine hits both paths alike.
 */
final class GatewayBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "bench-password-for-gateway";

    private final int ratePerSecond;
    private final int seconds;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayBench(int ratePerSecond, int seconds) {
        this.ratePerSecond = ratePerSecond;
        this.seconds = seconds;
    }

    void run() throws Exception {
        ServiceDefinition auth = Services.BUSINESS.stream()
                .filter(s -> s.name().equals("auth-service"))
                .findFirst()
                .orElseThrow();
        DevStackConfig config = DevStackConfig.defaults(RepoRoot.locate())
                .withWorkDir(Files.createTempDirectory("connectnow-bench-"))
                .withServices(List.of(auth))
                .withFreePorts()
                .withEchoChildLogs(false)
                .withExtraEnv(Map.of(
                        // measure the limiter's cost, not its limit
                        "CONNECTNOW_GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "1000000",
                        "CONNECTNOW_GATEWAY_RATE_LIMIT_BURST", "1000000"));
        System.out.printf(
                "gateway benchmark: %d requests/s for %d s per round, %d cores; starting the platform...%n",
                ratePerSecond, seconds, Runtime.getRuntime().availableProcessors());
        try (LocalPlatform platform =
                new LocalPlatform(config, new Console(new PrintStream(OutputStream.nullOutputStream()), false))) {
            platform.start();
            String gateway = platform.gatewayUrl();
            String direct = "http://localhost:" + config.portOf(auth);
            String token = registerThrough(gateway);

            warmUp(direct, token);
            warmUp(gateway, token);
            Histogram directLatency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
            Histogram gatewayLatency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
            for (int round = 0; round < 2; round++) {
                directLatency.add(measure(direct, token));
                gatewayLatency.add(measure(gateway, token));
            }
            print("direct to auth-service", directLatency);
            print("through the gateway   ", gatewayLatency);
            System.out.printf(
                    "gateway ÷ direct: p50 %.2f, p99 %.2f%n",
                    (double) gatewayLatency.getValueAtPercentile(50) / directLatency.getValueAtPercentile(50),
                    (double) gatewayLatency.getValueAtPercentile(99) / directLatency.getValueAtPercentile(99));
        }
    }

    private String registerThrough(String gateway) throws Exception {
        String username =
                "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String body = JSON.writeValueAsString(Map.of(
                "email",
                username + "@example.com",
                "username",
                username,
                "password",
                PASSWORD,
                "displayName",
                "Bench"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/auth/register"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return JSON.readTree(response.body()).get("accessToken").asString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not register through the gateway: " + response.statusCode());
            }
            Thread.sleep(500);
        }
    }

    private void warmUp(String baseUrl, String token) throws Exception {
        for (int i = 0; i < 2_000; i++) {
            http.send(me(baseUrl, token), HttpResponse.BodyHandlers.discarding());
        }
    }

    private Histogram measure(String baseUrl, String token) throws Exception {
        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicInteger failures = new AtomicInteger();
        long total = (long) ratePerSecond * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.add(http.sendAsync(me(baseUrl, token), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latency.recordValue(Math.max(0, System.nanoTime() - intended));
                        if (error != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        if (failures.get() > 0) {
            System.out.printf("  (%s: %d of %d requests failed)%n", baseUrl, failures.get(), total);
        }
        return latency;
    }

    private static HttpRequest me(String baseUrl, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/users/me"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }

    private static void print(String label, Histogram latency) {
        System.out.printf(
                "%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms (%d requests)%n",
                label,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(90) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6,
                latency.getTotalCount());
    }
}
