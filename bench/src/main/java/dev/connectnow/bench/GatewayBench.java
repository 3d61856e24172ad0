package dev.connectnow.bench;

import dev.connectnow.devstack.Console;
import dev.connectnow.devstack.DevStackConfig;
import dev.connectnow.devstack.LocalPlatform;
import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.devstack.ServiceDefinition;
import dev.connectnow.devstack.Services;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway adds to a request: the real platform (discovery, auth-service, gateway as separate
 * JVMs with production flags, started by the devstack launcher) serves an authenticated
 * {@code GET /api/users/me}, straight from auth-service (the baseline), through the gateway (edge JWT
 * validation, rate limiter, circuit breaker, load balancing, access log) and through a {@link BareProxy} (the
 * floor: what any proxy hop costs on the machine). Rounds alternate so drift on a shared machine hits every path
 * alike.
 * <ol>
 *   <li>latency, open model: requests leave at a fixed rate, latency counts from the intended send time
 *   (no coordinated omission), HdrHistogram percentiles, CPU time per request of each JVM;</li>
 *   <li>saturation throughput, closed model: a fixed number of requests in flight, each answer triggers
 *   the next one; completed requests per second through the gateway ÷ direct.</li>
 * </ol>
 * With {@code -Dbench.jfr=<directory>} the gateway JVM records a JFR profile (settings {@code profile}) from before
 * the warm-up to the end of the measured rounds (their start time is printed), written to
 * {@code <directory>/gateway.jfr}. With {@code -Dbench.proxy-cpus=<CPU list>} the proxies run on CPUs of their own
 * ({@link CpuPinning}).
 */
final class GatewayBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "bench-password-for-gateway";
    private static final int MIN_WARM_UP_ROUNDS = 3;
    private static final int MAX_WARM_UP_ROUNDS = 16;
    /** The warm-up ends once the JIT of every JVM on the gateway path compiled for less than this share of a round. */
    private static final double JIT_QUIET = 0.02;

    private final int ratePerSecond;
    private final int seconds;
    private final int concurrency;
    /** Measured rounds per path and model; they alternate between the paths. */
    private final int rounds;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    GatewayBench(int ratePerSecond, int seconds, int concurrency, int rounds) {
        this.ratePerSecond = ratePerSecond;
        this.seconds = seconds;
        this.concurrency = concurrency;
        this.rounds = rounds;
    }

    void run() throws Exception {
        ServiceDefinition auth = Services.BUSINESS.stream()
                .filter(s -> s.name().equals("auth-service"))
                .findFirst()
                .orElseThrow();
        ServiceJvm.startDevStackJvmsWithProductionFlags();
        Optional<CpuPinning> pinning = CpuPinning.fromSystemProperty();
        DevStackConfig config = DevStackConfig.defaults(RepoRoot.locate())
                .withWorkDir(Files.createTempDirectory("connectnow-bench-"))
                .withServices(List.of(auth))
                .withFreePorts()
                .withEchoChildLogs(false)
                // on a machine shared with builds, start-up alone can take minutes
                .withStartupTimeout(Duration.ofMinutes(8))
                .withExtraEnv(Map.of(
                        // measure the limiter's cost, not its limit
                        "CONNECTNOW_GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "1000000",
                        "CONNECTNOW_GATEWAY_RATE_LIMIT_BURST", "1000000",
                        // one token for the whole run
                        "CONNECTNOW_AUTH_ACCESS_TOKEN_TTL", "2h"));
        System.out.printf(
                "gateway benchmark: %d requests/s for %d s per round, %d in flight at saturation, %d rounds per path,"
                        + " %d cores%s; JVMs: %s; starting the platform...%n",
                ratePerSecond,
                seconds,
                concurrency,
                rounds,
                Runtime.getRuntime().availableProcessors(),
                pinning.map(cpus -> " (" + cpus.describe() + ")").orElse(""),
                ServiceJvm.describeJvms());
        try (LocalPlatform platform =
                new LocalPlatform(config, new Console(new PrintStream(OutputStream.nullOutputStream()), false))) {
            platform.start();
            Jvm authJvm = Jvm.of(platform, auth);
            Jvm gatewayJvm = Jvm.of(platform, Services.GATEWAY);
            Target direct =
                    new Target("direct to auth-service", "http://localhost:" + config.portOf(auth), List.of(authJvm));
            Target gateway = new Target("through the gateway", platform.gatewayUrl(), List.of(gatewayJvm, authJvm));
            String token = registerThrough(gateway.baseUrl());
            int bareProxyPort = ServiceJvm.freePort();
            Process bareProxy = BareProxy.start(bareProxyPort, direct.baseUrl());
            try {
                if (pinning.isPresent()) {
                    pinning.get().apply(List.of(gatewayJvm.pid(), bareProxy.pid()), config.workDir());
                }
                Target floor = new Target(
                        "through a bare proxy",
                        "http://127.0.0.1:" + bareProxyPort,
                        List.of(new Jvm("bare proxy", bareProxy.pid()), authJvm));
                measure(direct, gateway, floor, token);
            } finally {
                bareProxy.destroy();
                bareProxy.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The measured rounds, alternating direct, through the gateway and through the bare proxy so drift hits all
     * three alike; each proxy's figures are printed against the direct path's of the same rounds.
     */
    private void measure(Target direct, Target gateway, Target floor, String token) throws Exception {
        List<Target> paths = List.of(direct, gateway, floor);
        List<Jvm> compiling =
                paths.stream().flatMap(path -> path.jvms().stream()).distinct().toList();
        // a recording started on a warm gateway made it recompile (C2 took half its CPU in the measured rounds):
        // it starts before the warm-up, which then also waits for those compilations
        Profile profile = Profile.start(gateway.jvms().get(0));
        warmUp(paths, gateway, compiling, token);
        profile.markMeasuredRounds();
        List<List<Round>> latency = roundsPerPath(paths);
        JitClock latencyJit = JitClock.start(compiling);
        for (int round = 0; round < rounds; round++) {
            for (int path = 0; path < paths.size(); path++) {
                latency.get(path).add(fixedRate(paths.get(path), token));
            }
        }
        String latencyCompiling = latencyJit.describe(latencyJit.stop());
        List<List<Round>> throughput = roundsPerPath(paths);
        for (int round = 0; round < rounds; round++) {
            for (int path = 0; path < paths.size(); path++) {
                throughput.get(path).add(saturate(paths.get(path), token, seconds));
            }
        }
        profile.stop();

        System.out.printf("%nlatency at %d requests/s (open model, from the intended send time)%n", ratePerSecond);
        for (int path = 0; path < paths.size(); path++) {
            printLatency(paths.get(path), Round.merge(latency.get(path)), latency.get(path));
        }
        Round directAll = Round.merge(latency.get(0));
        for (int path = 1; path < paths.size(); path++) {
            Round proxiedAll = Round.merge(latency.get(path));
            System.out.printf(
                    "  added %s: p50 %+.2f ms, p90 %+.2f ms, p99 %+.2f ms (per round p50: %s)%n",
                    paths.get(path).label(),
                    millis(proxiedAll.percentile(50) - directAll.percentile(50)),
                    millis(proxiedAll.percentile(90) - directAll.percentile(90)),
                    millis(proxiedAll.percentile(99) - directAll.percentile(99)),
                    perRound(
                            latency.get(0),
                            latency.get(path),
                            (d, g) -> String.format("%+.2f", millis(g.percentile(50) - d.percentile(50)))));
        }
        System.out.printf("  JIT compiling during the latency rounds: %s of their time%n", latencyCompiling);

        System.out.printf("%nsaturation throughput (closed model, %d requests in flight)%n", concurrency);
        for (int path = 0; path < paths.size(); path++) {
            printThroughput(paths.get(path), Round.merge(throughput.get(path)), throughput.get(path));
        }
        Round directMax = Round.merge(throughput.get(0));
        for (int path = 1; path < paths.size(); path++) {
            System.out.printf(
                    "  %s ÷ direct: %.2f (per round: %s)%n",
                    paths.get(path).label(),
                    Round.merge(throughput.get(path)).throughput() / directMax.throughput(),
                    perRound(
                            throughput.get(0),
                            throughput.get(path),
                            (d, g) -> String.format("%.2f", g.throughput() / d.throughput())));
        }
        profile.report();
    }

    private static List<List<Round>> roundsPerPath(List<Target> paths) {
        List<List<Round>> rounds = new ArrayList<>();
        paths.forEach(path -> rounds.add(new ArrayList<>()));
        return rounds;
    }

    /**
     * Rounds of both models on every path (closed, then at the measured rate: new connections and idle gaps take
     * code paths a saturated loop does not) until the JIT compilers of the gateway, the bare proxy and auth-service
     * are done: each spent less than {@value #JIT_QUIET} of a round's time compiling (HotSpot's
     * {@code java.ci.totalTime}).
     * Until then their CPU, on the same two cores, would be charged to the measured requests although a platform
     * that has run for minutes has long paid it — stopping when the CPU per request merely stopped falling left
     * 43 % of the gateway's CPU in the C2 compiler during the measured rounds, and a profile of auth-service with
     * only the gateway's JIT done showed its C2 compiling for up to a third of a latency round.
     */
    private void warmUp(List<Target> paths, Target gateway, List<Jvm> compilingJvms, String token) throws Exception {
        System.out.println("warming up (both models, every path, until the JITs of the proxied paths are done)...");
        for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
            JitClock jit = JitClock.start(compilingJvms);
            List<Round> saturated = new ArrayList<>();
            for (Target path : paths) {
                saturated.add(saturate(path, token, 5));
            }
            Round throughGateway = saturated.get(paths.indexOf(gateway));
            for (Target path : paths) {
                fixedRate(path, token);
            }
            double[] compiling = jit.stop();
            System.out.printf(
                    "  warm-up round %d: %.0f requests/s through the gateway, gateway CPU %.0f µs per request,"
                            + " JIT compiling %s of the round%n",
                    round,
                    throughGateway.throughput(),
                    throughGateway.cpuNanos()[0] / 1e3 / Math.max(1, throughGateway.requests()),
                    jit.describe(compiling));
            if (round >= MIN_WARM_UP_ROUNDS && Arrays.stream(compiling).allMatch(share -> share < JIT_QUIET)) {
                return;
            }
        }
        System.out.println("  the JIT is still compiling after the longest warm-up; the figures below include it");
    }

    /**
     * Registers a user through the gateway (once the gateway routes to auth-service) and returns its access
     * token. A registration that timed out on a slow machine may still have succeeded: then the user logs in.
     */
    private String registerThrough(String gateway) throws Exception {
        String username =
                "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String registration = JSON.writeValueAsString(Map.of(
                "email",
                username + "@example.com",
                "username",
                username,
                "password",
                PASSWORD,
                "displayName",
                "Bench"));
        String login = JSON.writeValueAsString(Map.of("login", username, "password", PASSWORD));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (send(gateway, "GET", "/.well-known/jwks.json", null).statusCode() != 200) {
            awaitOrFail(deadline, "the gateway does not route to auth-service");
        }
        while (true) {
            HttpResponse<String> registered = send(gateway, "POST", "/api/auth/register", registration);
            HttpResponse<String> answer =
                    registered.statusCode() == 409 ? send(gateway, "POST", "/api/auth/login", login) : registered;
            if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                return JSON.readTree(answer.body()).get("accessToken").asString();
            }
            awaitOrFail(deadline, "could not register through the gateway: " + answer.statusCode());
        }
    }

    private HttpResponse<String> send(String baseUrl, String method, String path, String json) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitOrFail(long deadline, String failure) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(failure);
        }
        Thread.sleep(2_000);
    }

    /** Open model: one request every 1/rate seconds whatever the answers do. */
    private Round fixedRate(Target target, String token) throws Exception {
        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicInteger failures = new AtomicInteger();
        long total = (long) ratePerSecond * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        CpuClock cpu = CpuClock.start(target);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.add(http.sendAsync(me(target.baseUrl(), token), HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        latency.recordValue(Math.max(0, System.nanoTime() - intended));
                        if (error != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        return new Round(latency, total, failures.get(), elapsed, cpu.stop());
    }

    /** Closed model: {@link #concurrency} requests in flight, each answer sends the next one. */
    private Round saturate(Target target, String token, int durationSeconds) throws Exception {
        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong completed = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch drained = new CountDownLatch(concurrency);
        CpuClock cpu = CpuClock.start(target);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(durationSeconds);
        for (int i = 0; i < concurrency; i++) {
            new ClosedLoopClient(target, token, end, latency, completed, failures, drained).next();
        }
        drained.await(2, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        return new Round(latency, completed.get(), failures.get(), elapsed, cpu.stop());
    }

    /** One virtual user of the closed model. */
    private final class ClosedLoopClient {

        private final Target target;
        private final String token;
        private final long end;
        private final Histogram latency;
        private final AtomicLong completed;
        private final AtomicInteger failures;
        private final CountDownLatch drained;

        ClosedLoopClient(
                Target target,
                String token,
                long end,
                Histogram latency,
                AtomicLong completed,
                AtomicInteger failures,
                CountDownLatch drained) {
            this.target = target;
            this.token = token;
            this.end = end;
            this.latency = latency;
            this.completed = completed;
            this.failures = failures;
            this.drained = drained;
        }

        void next() {
            long sent = System.nanoTime();
            if (sent >= end) {
                drained.countDown();
                return;
            }
            http.sendAsync(me(target.baseUrl(), token), HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        latency.recordValue(Math.max(0, System.nanoTime() - sent));
                        completed.incrementAndGet();
                        if (error != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        next();
                        return null;
                    });
        }
    }

    private static HttpRequest me(String baseUrl, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/users/me"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }

    private static void printLatency(Target target, Round all, List<Round> rounds) {
        System.out.printf(
                "  %-23s p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms (%d requests%s);"
                        + " CPU per request: %s (per round p50: %s)%n",
                target.label() + ":",
                millis(all.percentile(50)),
                millis(all.percentile(90)),
                millis(all.percentile(99)),
                millis(all.percentile(99.9)),
                millis(all.latency().getMaxValue()),
                all.requests(),
                all.failures() > 0 ? ", " + all.failures() + " failed" : "",
                all.cpuPerRequest(target),
                rounds.stream()
                        .map(r -> String.format("%.2f ms", millis(r.percentile(50))))
                        .collect(Collectors.joining(", ")));
    }

    private static void printThroughput(Target target, Round all, List<Round> rounds) {
        System.out.printf(
                "  %-23s %.0f requests/s, p50 %.1f ms, p99 %.1f ms (%d requests%s); CPU per request: %s"
                        + " (per round: %s)%n",
                target.label() + ":",
                all.throughput(),
                millis(all.percentile(50)),
                millis(all.percentile(99)),
                all.requests(),
                all.failures() > 0 ? ", " + all.failures() + " failed" : "",
                all.cpuPerRequest(target),
                rounds.stream()
                        .map(r -> String.format("%.0f/s", r.throughput()))
                        .collect(Collectors.joining(", ")));
    }

    private static String perRound(List<Round> direct, List<Round> gateway, RoundPair format) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < direct.size(); i++) {
            out.add(format.apply(direct.get(i), gateway.get(i)));
        }
        return String.join(", ", out);
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }

    @FunctionalInterface
    private interface RoundPair {
        String apply(Round direct, Round gateway);
    }

    /** Where requests go and which JVMs serve them (their CPU time is what a request costs). */
    private record Target(String label, String baseUrl, List<Jvm> jvms) {}

    /** A platform JVM (devstack's first instance of the application). */
    private record Jvm(String name, long pid) {

        static Jvm of(LocalPlatform platform, ServiceDefinition application) {
            return new Jvm(
                    application.name(), platform.instancesOf(application).get(0).pid());
        }

        long cpuNanos() {
            return ProcessHandle.of(pid)
                    .flatMap(handle -> handle.info().totalCpuDuration())
                    .map(Duration::toNanos)
                    .orElse(0L);
        }

        /** Time the JVM's JIT compilers have spent compiling, from its HotSpot performance counters. */
        long compileNanos() throws Exception {
            Map<String, String> counters = jcmd(pid, "PerfCounter.print")
                    .lines()
                    .filter(line -> line.contains("="))
                    .collect(Collectors.toMap(
                            line -> line.substring(0, line.indexOf('=')),
                            line -> line.substring(line.indexOf('=') + 1),
                            (first, second) -> first));
            double ticksPerSecond = Double.parseDouble(counters.get("sun.os.hrt.frequency"));
            return (long) (Long.parseLong(counters.get("java.ci.totalTime")) / ticksPerSecond * 1e9);
        }
    }

    /** Share of the wall-clock time each JVM's JIT compilers spent compiling between start and stop. */
    private record JitClock(List<Jvm> jvms, long[] compiledNanos, long startNanos) {

        static JitClock start(List<Jvm> jvms) throws Exception {
            long[] compiled = new long[jvms.size()];
            for (int i = 0; i < compiled.length; i++) {
                compiled[i] = jvms.get(i).compileNanos();
            }
            return new JitClock(jvms, compiled, System.nanoTime());
        }

        double[] stop() throws Exception {
            double elapsed = System.nanoTime() - startNanos;
            double[] shares = new double[compiledNanos.length];
            for (int i = 0; i < shares.length; i++) {
                shares[i] = (jvms.get(i).compileNanos() - compiledNanos[i]) / elapsed;
            }
            return shares;
        }

        /** {@code gateway 1.2 %, auth-service 0.4 %}. */
        String describe(double[] shares) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < shares.length; i++) {
                parts.add(String.format("%s %.1f %%", jvms.get(i).name(), shares[i] * 100));
            }
            return String.join(", ", parts);
        }
    }

    /** CPU time used by each JVM of a target, and by this load generator, between start and stop. */
    private record CpuClock(Target target, long[] startNanos, long loadStartNanos) {

        static CpuClock start(Target target) {
            return new CpuClock(
                    target, target.jvms().stream().mapToLong(Jvm::cpuNanos).toArray(), ownCpuNanos());
        }

        long[] stop() {
            long[] used = new long[startNanos.length + 1];
            for (int i = 0; i < startNanos.length; i++) {
                used[i] = target.jvms().get(i).cpuNanos() - startNanos[i];
            }
            used[startNanos.length] = ownCpuNanos() - loadStartNanos;
            return used;
        }

        private static long ownCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    /**
     * One measured round (or several merged).
     * @param cpuNanos CPU time of each JVM of the target, then of the load generator
     */
    private record Round(Histogram latency, long requests, int failures, long elapsedNanos, long[] cpuNanos) {

        static Round merge(List<Round> rounds) {
            Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            long requests = 0;
            int failures = 0;
            long elapsed = 0;
            long[] cpu = new long[rounds.get(0).cpuNanos().length];
            for (Round round : rounds) {
                all.add(round.latency());
                requests += round.requests();
                failures += round.failures();
                elapsed += round.elapsedNanos();
                for (int i = 0; i < cpu.length; i++) {
                    cpu[i] += round.cpuNanos()[i];
                }
            }
            return new Round(all, requests, failures, elapsed, cpu);
        }

        double percentile(double percentile) {
            return latency.getValueAtPercentile(percentile);
        }

        double throughput() {
            return requests * 1e9 / elapsedNanos;
        }

        String cpuPerRequest(Target target) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < target.jvms().size(); i++) {
                parts.add(String.format(
                        "%s %.0f µs", target.jvms().get(i).name(), cpuNanos[i] / 1e3 / Math.max(1, requests)));
            }
            parts.add(String.format("load generator %.0f µs", cpuNanos[cpuNanos.length - 1] / 1e3 / requests));
            return String.join(" + ", parts);
        }
    }

    /** Optional JFR recording of the gateway JVM, from before the warm-up ({@code -Dbench.jfr=<directory>}). */
    private record Profile(Path file, long pid) {

        static Profile start(Jvm gateway) throws Exception {
            String directory = System.getProperty("bench.jfr");
            if (directory == null || directory.isBlank()) {
                return new Profile(null, 0);
            }
            Path file =
                    Files.createDirectories(Path.of(directory)).toAbsolutePath().resolve("gateway.jfr");
            jcmd(gateway.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + file);
            return new Profile(file, gateway.pid());
        }

        void markMeasuredRounds() {
            if (file != null) {
                System.out.printf(
                        "measured rounds start at %s (the recording began before the warm-up)%n", Instant.now());
            }
        }

        void stop() throws Exception {
            if (file != null) {
                jcmd(pid, "JFR.stop", "name=bench");
            }
        }

        void report() {
            if (file != null) {
                System.out.printf(
                        "%nJFR profile of the gateway: %s (e.g. jfr print --events jdk.ExecutionSample %s)%n",
                        file, file);
            }
        }
    }

    /** Runs {@code jcmd} against a JVM of the platform and returns what it printed. */
    private static String jcmd(long pid, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output =
                CompletableFuture.supplyAsync(() -> new String(readAll(process), StandardCharsets.UTF_8));
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed");
        }
        return output.join();
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
