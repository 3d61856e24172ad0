package dev.connectnow.bench;

import dev.connectnow.devstack.Console;
import dev.connectnow.devstack.DevStackConfig;
import dev.connectnow.devstack.LocalPlatform;
import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.devstack.ServiceDefinition;
import dev.connectnow.devstack.ServiceProcess;
import dev.connectnow.testkit.ApiClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform (every service of the devstack catalogue, the gateway, discovery, PostgreSQL and Kafka,
 * each service a JVM with production flags, started by the devstack launcher) under a fixed rate of channel
 * messages, measured from the client's side of the gateway in one run:
 * <ol>
 *   <li><b>send → deliver</b>: {@code POST /api/channels/{id}/messages} through the gateway at a fixed rate
 *   (open model, round-robin over the channels), latency from each post's <em>intended</em> send time to the
 *   arrival of its {@code message.created} at every subscriber's socket (also through the gateway);</li>
 *   <li><b>REST alone</b>: the same posts, intended send time → 201;</li>
 *   <li><b>realtime tier alone</b>: {@code message.created} envelopes produced straight to Kafka at the same
 *   rate to the same channels → the same sockets (no gateway, message-service, PostgreSQL or outbox on the
 *   way in).</li>
 * </ol>
 * Every socket checks that its {@code s} rises by exactly one, and every message is counted per socket:
 * lost (expected, never arrived) and duplicated (arrived twice). Production limits stay as they are except
 * the registration throttle (all users register from one address) and the access-token lifetime (one token
 * per user for the whole run): posts are spread over enough posters per channel that none exceeds
 * {@value #POSTS_PER_SECOND_PER_POSTER} posts/s (message-service allows 10/s per user, the gateway 20/s).
 */
final class RealtimeEndToEndBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHANNELS = 10;
    private static final int POSTS_PER_SECOND_PER_POSTER = 5;
    private static final Duration SETUP_PATIENCE = Duration.ofMinutes(3);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration AT_REST = Duration.ofSeconds(60);
    private static final String MARK = "rtbench:";

    private final int rate;
    private final int subscribers;
    private final int seconds;
    /** Long enough for every JVM's JIT to settle: right after start-up each post costs several times more CPU. */
    private final int warmUpSeconds;

    private final int postersPerChannel;
    /** The subscribers' WebSockets; posts go through {@link #posts}. */
    private final BenchSockets webSockets = new BenchSockets("rtbench-sockets");
    /** Enough connections for 200 posts/s answered within 300 ms; a browser keeps a handful per user. */
    private final KeepAliveClient posts = new KeepAliveClient("rtbench-posts", 64, Duration.ofSeconds(30));

    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rtbench-heartbeats");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Subscriber> sockets = new ArrayList<>();
    private final Map<Character, Phase> phases = new ConcurrentHashMap<>();

    private String gatewayUrl;
    private ApiClient gateway;
    private String workspaceId;
    private final List<String> channelIds = new ArrayList<>();
    /** channel index → its posters' tokens. */
    private final List<List<String>> posters = new ArrayList<>();

    RealtimeEndToEndBench(int rate, int subscribers, int seconds, int warmUpSeconds) {
        this.rate = rate;
        this.subscribers = subscribers;
        this.seconds = seconds;
        this.warmUpSeconds = warmUpSeconds;
        this.postersPerChannel = Math.max(1, ceilDiv(rate, CHANNELS * POSTS_PER_SECOND_PER_POSTER));
    }

    void run() throws Exception {
        ServiceJvm.startDevStackJvmsWithProductionFlags();
        DevStackConfig config = DevStackConfig.defaults(RepoRoot.locate())
                .withWorkDir(Files.createTempDirectory("connectnow-bench-"))
                .withFreePorts()
                .withEchoChildLogs(false)
                // on a machine shared with builds, starting every service can take minutes
                .withStartupTimeout(Duration.ofMinutes(10))
                .withExtraEnv(Map.of(
                        // every bench user registers from the loopback address
                        "CONNECTNOW_AUTH_THROTTLE_REGISTRATIONS_PER_IP", "100000",
                        // one token per user for the whole run
                        "CONNECTNOW_AUTH_ACCESS_TOKEN_TTL", "2h"));
        System.out.printf(
                "realtime end-to-end benchmark: %d messages/s for %d s per phase, %d channels x %d subscribers"
                        + " (one socket each) + %d posters per channel, %d cores, load average %s;%n"
                        + "  platform JVMs (services, Kafka): %s; bench JVM: %s; starting the platform...%n",
                rate,
                seconds,
                CHANNELS,
                subscribers,
                postersPerChannel,
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                ServiceJvm.describeJvms(),
                benchJvmOptions());
        try (LocalPlatform platform =
                new LocalPlatform(config, new Console(new PrintStream(OutputStream.nullOutputStream()), false))) {
            long startup = System.nanoTime();
            platform.start();
            System.out.printf(
                    "platform up in %.0f s (logs in %s); setting up users, channels and sockets...%n",
                    (System.nanoTime() - startup) / 1e9, config.logDir());
            gatewayUrl = platform.gatewayUrl();
            gateway = ApiClient.at(gatewayUrl);
            setUp(URI.create(platform.gatewayUrl().replaceFirst("^http", "ws") + "/ws"));
            try (MessageCreatedProducer producer = new MessageCreatedProducer(platform.kafkaBootstrapServers())) {
                System.out.printf("warming up (%d s per path, not counted)...%n", warmUpSeconds);
                // the REST warm-up comes last, right before its measurement: after minutes of Kafka traffic
                // alone the REST path had gone cold (idle connections closed, Tomcat's threads let go) and its
                // measurement began with a backlog the warm-up was meant to prevent; the tier is warm either way
                runWarmUp(new Phase('v', "warm-up: Kafka", warmUpSeconds), send(producer));
                runWarmUp(new Phase('w', "warm-up: REST", warmUpSeconds), this::post);
                List<Jvm> jvms = Jvm.all(platform, config);
                Phase viaRest = runMeasured(new Phase('r', "REST post → gateway → sockets", seconds), this::post, jvms);
                Phase viaKafka =
                        runMeasured(new Phase('k', "Kafka → realtime → sockets (raw)", seconds), send(producer), jvms);
                report(viaRest, viaKafka);
                atRest(jvms);
            } finally {
                sockets.forEach(Subscriber::abort);
                posts.close();
                webSockets.close();
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- set-up

    private void setUp(URI ws) throws Exception {
        awaitRoute();
        User owner = register("owner");
        workspaceId = retry(
                        "the workspace is created",
                        () -> {
                            String slug =
                                    "rtbench-" + UUID.randomUUID().toString().substring(0, 8);
                            return gateway.as(owner.token())
                                    .post(
                                            "/api/workspaces",
                                            Map.of("name", "Realtime bench " + slug, "slug", slug, "isPublic", true));
                        },
                        created -> created.status() == 201)
                .text("/id");
        for (int c = 0; c < CHANNELS; c++) {
            String name = "bench-" + c + "-" + UUID.randomUUID().toString().substring(0, 8);
            channelIds.add(retry(
                            "channel-service knows the workspace",
                            () -> gateway.as(owner.token())
                                    .post(
                                            "/api/workspaces/" + workspaceId + "/channels",
                                            Map.of("name", name, "type", "TEXT", "isPrivate", false)),
                            created -> created.status() == 201)
                    .text("/id"));
        }
        // members register, join the workspace and their channel in parallel, as many people would
        ExecutorService setUp = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> posting = new ArrayList<>();
            List<CompletableFuture<String>> subscribing = new ArrayList<>();
            for (int c = 0; c < CHANNELS; c++) {
                String channel = channelIds.get(c);
                for (int p = 0; p < postersPerChannel; p++) {
                    posting.add(CompletableFuture.supplyAsync(() -> member("poster", channel), setUp));
                }
                for (int s = 0; s < subscribers; s++) {
                    subscribing.add(CompletableFuture.supplyAsync(() -> member("subscriber", channel), setUp));
                }
            }
            for (int c = 0; c < CHANNELS; c++) {
                List<String> tokens = new ArrayList<>();
                for (int p = 0; p < postersPerChannel; p++) {
                    tokens.add(posting.get(c * postersPerChannel + p).join());
                }
                posters.add(tokens);
            }
            // message-service learns channels and members from channel events: each poster posts once it can
            List<CompletableFuture<?>> firstPosts = new ArrayList<>();
            for (int c = 0; c < CHANNELS; c++) {
                String channel = channelIds.get(c);
                for (String token : posters.get(c)) {
                    firstPosts.add(CompletableFuture.runAsync(
                            () -> retry(
                                    "message-service knows the channel and its poster",
                                    () -> gateway.as(token)
                                            .post(
                                                    "/api/channels/" + channel + "/messages",
                                                    Map.of("content", "ready to post")),
                                    posted -> posted.status() == 201),
                            setUp));
                }
            }
            CompletableFuture.allOf(firstPosts.toArray(CompletableFuture[]::new))
                    .join();
            for (int c = 0; c < CHANNELS; c++) {
                for (int s = 0; s < subscribers; s++) {
                    String token = subscribing.get(c * subscribers + s).join();
                    sockets.add(new Subscriber(c, token));
                }
            }
        } finally {
            setUp.shutdown();
        }
        for (int i = 0; i < sockets.size(); i++) {
            sockets.set(i, connected(sockets.get(i), ws));
        }
        System.out.printf(
                "%d users, %d channels, %d sockets identified through the gateway%n",
                1 + CHANNELS * (postersPerChannel + subscribers), CHANNELS, sockets.size());
    }

    private record User(String token, String id) {}

    /**
     * Connects the socket; one closed before READY with 4012 (no instance took it: reconnect now) or 4001 (its
     * IDENTIFY missed the deadline — until stop 35 also realtime-service's opening race, docs/realtime.md) is
     * opened anew, as a real client would.
     */
    private Subscriber connected(Subscriber socket, URI ws) {
        for (int attempt = 1; ; attempt++) {
            try {
                socket.connect(ws);
                return socket;
            } catch (CompletionException failed) {
                boolean retryable = socket.closed != null
                        && (socket.closed.startsWith("4012 ") || socket.closed.startsWith("4001 "));
                if (attempt == 3 || !retryable) {
                    throw failed;
                }
                socket = new Subscriber(socket.channel, socket.token);
            }
        }
    }

    /** A new user who joined the workspace and the channel; returns their access token. */
    private String member(String role, String channelId) {
        User user = register(role);
        retry(
                "the user joins the workspace",
                () -> gateway.as(user.token()).post("/api/workspaces/" + workspaceId + "/join", Map.of()),
                // 409: an attempt that timed out had joined
                joined -> joined.status() == 200 || joined.status() == 409);
        // channel-service learns workspace members from workspace events
        retry(
                "the user joins the channel",
                () -> gateway.as(user.token()).post("/api/channels/" + channelId + "/join", Map.of()),
                // 409: an attempt that timed out had joined
                joined -> joined.status() == 200 || joined.status() == 409);
        return user.token();
    }

    private User register(String role) {
        String username = "rtb" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = "bench-password-for-realtime";
        ApiClient.Response registered = retry(
                "the " + role + " registers",
                () -> gateway.post(
                        "/api/auth/register",
                        Map.of(
                                "email", username + "@example.com",
                                "username", username,
                                "password", password,
                                "displayName", role)),
                answer -> answer.status() == 201 || answer.status() == 409);
        // 409: an attempt that timed out on a loaded machine had registered the user
        String token = (registered.status() == 201
                        ? registered
                        : retry(
                                "the " + role + " logs in",
                                () -> gateway.post("/api/auth/login", Map.of("login", username, "password", password)),
                                answer -> answer.status() == 200))
                .text("/accessToken");
        return new User(token, gateway.as(token).get("/api/users/me").text("/id"));
    }

    /** The gateway resolves {@code lb://} routes once its registry copy has every service. */
    private void awaitRoute() {
        retry(
                "the gateway routes to auth-service",
                () -> gateway.post("/api/auth/register", Map.of()),
                answer -> answer.status() == 400);
    }

    /**
     * Repeats a call that is harmless to repeat (a refused one changed nothing) until its answer is accepted:
     * services learn of each other's changes from events, and a loaded machine can answer 503.
     */
    private static ApiClient.Response retry(
            String what, Callable<ApiClient.Response> call, Predicate<ApiClient.Response> accepted) {
        long deadline = System.nanoTime() + SETUP_PATIENCE.toNanos();
        ApiClient.Response last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = call.call();
                if (accepted.test(last)) {
                    return last;
                }
                if (last.status() == 400 || last.status() == 401 || last.status() == 409) {
                    break;
                }
            } catch (Exception e) {
                last = new ApiClient.Response(-1, Map.of(), e.toString());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException("set-up failed: " + what + "; last answer: " + last);
    }

    // ----------------------------------------------------------------------------------------------- phases

    /**
     * The clients' JVM is part of every figure: its collections pause every socket and every send at once, and
     * G1's default pause goal (200 ms) let them reach 60–250 ms (docs/benchmarks.md), hence the flags the docs
     * give for this scenario; printed so that a figure says how its clients ran.
     */
    private static String benchJvmOptions() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X") && !option.startsWith("-Xlog"))
                .toList();
        return options.isEmpty() ? "defaults (G1, 200 ms pause goal)" : String.join(" ", options);
    }

    /** Sends message {@code index} of a phase to a channel; answers when it was accepted (or failed). */
    @FunctionalInterface
    private interface Sender {
        CompletableFuture<Boolean> send(Phase phase, int index, int channel, long intendedNanos);
    }

    private CompletableFuture<Boolean> post(Phase phase, int index, int channel, long intendedNanos) {
        List<String> tokens = posters.get(channel);
        String token = tokens.get((index / CHANNELS) % tokens.size());
        return posts.postJson(
                        gatewayUrl + "/api/channels/" + channelIds.get(channel) + "/messages",
                        token,
                        "{\"content\":\"" + content(phase, index, intendedNanos) + "\"}")
                .handle((status, error) -> {
                    if (error != null) {
                        phase.failed(error);
                    }
                    phase.answered(System.nanoTime() - intendedNanos, error == null ? status : -1);
                    return error == null && status == 201;
                });
    }

    private Sender send(MessageCreatedProducer producer) {
        // message-service numbers a channel's messages; these continue far above anything posted over REST
        AtomicLongArray seqs = new AtomicLongArray(CHANNELS);
        for (int c = 0; c < CHANNELS; c++) {
            seqs.set(c, 1_000_000_000L);
        }
        return (phase, index, channel, intendedNanos) -> {
            CompletableFuture<Boolean> sent = new CompletableFuture<>();
            producer.send(
                    UUID.fromString(channelIds.get(channel)),
                    UUID.fromString(workspaceId),
                    seqs.incrementAndGet(channel),
                    content(phase, index, intendedNanos),
                    (metadata, error) -> {
                        phase.answered(System.nanoTime() - intendedNanos, error == null ? 201 : -1);
                        sent.complete(error == null);
                    });
            return sent;
        };
    }

    private Phase runMeasured(Phase phase, Sender sender, List<Jvm> jvms) throws Exception {
        System.out.printf("measuring: %s...%n", phase.label);
        long[] cpuBefore = jvms.stream().mapToLong(Jvm::cpuNanos).toArray();
        long ownCpuBefore = ownCpuNanos();
        ScheduledFuture<?> sampling = heartbeats.scheduleAtFixedRate(phase.machine, 1, 1, TimeUnit.SECONDS);
        try {
            runPhase(phase, sender, false);
        } finally {
            sampling.cancel(false);
        }
        for (int i = 0; i < jvms.size(); i++) {
            phase.cpu.put(jvms.get(i).name(), jvms.get(i).cpuNanos() - cpuBefore[i]);
        }
        phase.cpu.put("bench (load generator + clients)", ownCpuNanos() - ownCpuBefore);
        return phase;
    }

    /**
     * A phase that is not reported: once it is over, its per-message records go, so that minutes of warm-up do
     * not leave the bench JVM a heap of hundreds of megabytes whose collections pause the clients that measure.
     */
    private void runWarmUp(Phase phase, Sender sender) throws Exception {
        runPhase(phase, sender, true);
        sockets.forEach(socket -> socket.forget(phase.key));
        // a warm-up that was refused or failed is a finding too, though its latencies are not reported
        System.out.printf(
                "  %s: answers %s; send → accepted p50 %.2f ms, p99 %.2f ms%n",
                phase.label,
                phase.answers(),
                phase.sendToAccepted.getValueAtPercentile(50) / 1e6,
                phase.sendToAccepted.getValueAtPercentile(99) / 1e6);
    }

    /**
     * Open model: each second's messages leave evenly spread whatever the answers do, message i to channel
     * i mod C; then waits until every accepted message reached every subscriber of its channel, or {@link #DRAIN}
     * passed. A warm-up {@code rampsUp}: its rate rises from a tenth to the full rate over its first half, as cold
     * JVMs hit at once with the full rate queued minutes of posts behind their compilers, and a measurement that
     * began in that backlog's wake measured the backlog (docs/benchmarks.md).
     */
    private void runPhase(Phase phase, Sender sender, boolean rampsUp) throws Exception {
        phases.put(phase.key, phase);
        List<CompletableFuture<Boolean>> answers = new ArrayList<>(rate * phase.seconds);
        long start = System.nanoTime();
        phase.start = start;
        int total = 0;
        for (int second = 0; second < phase.seconds; second++) {
            int thisSecond = rampsUp ? rampedRate(second, phase.seconds / 2) : rate;
            long period = TimeUnit.SECONDS.toNanos(1) / thisSecond;
            long secondStart = start + TimeUnit.SECONDS.toNanos(second);
            for (int k = 0; k < thisSecond; k++, total++) {
                long intended = secondStart + k * period;
                LockSupport.parkNanos(intended - System.nanoTime());
                answers.add(sender.send(phase, total, total % CHANNELS, intended));
            }
        }
        phase.sendingSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        for (int i = 0; i < total; i++) {
            if (answers.get(i).join()) {
                phase.accepted.set(i);
            }
        }
        long expected = (long) phase.accepted.cardinality() * subscribers;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (phase.delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        phase.elapsedSeconds =
                phase.lastArrival.get() > start ? (phase.lastArrival.get() - start) / 1e9 : phase.sendingSeconds;
        phase.total = total;
    }

    private int rampedRate(int second, int rampSeconds) {
        return second >= rampSeconds ? rate : Math.max(1, rate / 10 + (rate - rate / 10) * second / rampSeconds);
    }

    private static String content(Phase phase, int index, long intendedNanos) {
        return MARK + phase.key + ":" + index + ":" + intendedNanos + ": a message of ordinary length in a channel";
    }

    /** One phase's counters: sends, answers, deliveries per socket. */
    private final class Phase {
        final char key;
        final String label;
        final int seconds;
        final Histogram sendToDeliver = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(5), 3);
        final Histogram sendToAccepted = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(5), 3);
        final ConcurrentMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final ConcurrentMap<String, AtomicInteger> failures = new ConcurrentSkipListMap<>();
        final BitSet accepted = new BitSet();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong duplicated = new AtomicLong();
        final AtomicLong storedTwice = new AtomicLong();
        final AtomicLong lastArrival = new AtomicLong();
        final Map<String, Long> cpu = new LinkedHashMap<>();
        final MachineSeconds machine = new MachineSeconds();
        volatile long start;
        double sendingSeconds;
        double elapsedSeconds;
        int total;

        Phase(char key, String label, int seconds) {
            this.key = key;
            this.label = label;
            this.seconds = seconds;
        }

        /** What answered and how often: statuses, then each kind of failure without an answer. */
        String answers() {
            String byStatus = statuses.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> (e.getKey() < 0 ? "error" : e.getKey()) + "×" + e.getValue())
                    .collect(Collectors.joining(", "));
            return failures.isEmpty() ? byStatus : byStatus + " " + failures;
        }

        void failed(Throwable error) {
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            failures.computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicInteger())
                    .incrementAndGet();
        }

        void answered(long latencyNanos, int status) {
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (status == 201) {
                sendToAccepted.recordValue(Math.max(0, latencyNanos));
            }
        }

        /** Accepted messages of a socket's channel that never reached it. */
        long lost() {
            long lost = 0;
            for (Subscriber socket : sockets) {
                BitSet missing = (BitSet) accepted.clone();
                for (int i = missing.nextSetBit(0); i >= 0; i = missing.nextSetBit(i + 1)) {
                    if (i % CHANNELS != socket.channel) {
                        missing.clear(i);
                    }
                }
                missing.andNot(socket.received(key));
                lost += missing.cardinality();
            }
            return lost;
        }

        /** Messages that reached sockets although their send was not accepted (a time-out that succeeded). */
        long unexpected() {
            long unexpected = 0;
            for (Subscriber socket : sockets) {
                BitSet extra = (BitSet) socket.received(key).clone();
                extra.andNot(accepted);
                unexpected += extra.cardinality();
            }
            return unexpected;
        }
    }

    // ----------------------------------------------------------------------------------------------- sockets

    /**
     * {@code d.id} of an EVENT frame, read as a stream: the whole frame as a tree, 2,000 times a second, made the
     * bench JVM's own allocation and collections part of what it measured.
     */
    static String eventId(String frame) {
        try (JsonParser parser = JSON.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("d") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        String field = parser.currentName();
                        if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals("id")) {
                            return parser.getString();
                        }
                        parser.skipChildren();
                    }
                    return null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    /** One subscriber's socket through the gateway: checks {@code s}, records each bench message's arrival. */
    private final class Subscriber extends BenchSocket {
        final int channel;
        final String token;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final Map<Character, BitSet> received = new ConcurrentHashMap<>();
        /**
         * phase → the id of the message that carried each of the phase's indexes for this socket's channel first,
         * as two longs from slot {@code 2 * (index / CHANNELS)}; all zero until it came. Primitives, not a map of
         * strings: a map that keeps growing in the old generation while every frame adds a young entry made each
         * of the bench JVM's collections scan it.
         */
        final Map<Character, long[]> messageIds = new HashMap<>();

        volatile String closed;

        Subscriber(int channel, String token) {
            this.channel = channel;
            this.token = token;
        }

        void connect(URI ws) {
            // IDENTIFY goes after HELLO (frame), as the protocol orders: through the gateway a frame sent at
            // once can wait for the gateway's own connection to an instance and be lost
            webSockets
                    .open(ws, this)
                    .thenCompose(opened -> ready)
                    .orTimeout(60, TimeUnit.SECONDS)
                    .join();
        }

        synchronized BitSet received(char phase) {
            return received.computeIfAbsent(phase, p -> new BitSet());
        }

        synchronized void forget(char phase) {
            messageIds.remove(phase);
        }

        @Override
        protected void frame(String frame, long arrival) {
            if (frame.startsWith(EVENT_PREFIX)) {
                event(frame, arrival);
            } else if (frame.startsWith("{\"op\":\"HELLO\"")) {
                send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
                long interval = JSON.readTree(frame)
                        .path("d")
                        .path("heartbeatIntervalMs")
                        .asLong(30_000);
                heartbeats.scheduleAtFixedRate(this::heartbeat, interval / 2, interval / 2, TimeUnit.MILLISECONDS);
            } else if (frame.startsWith("{\"op\":\"READY\"")) {
                ready.complete(null);
            }
        }

        private void event(String frame, long arrival) {
            int mark = frame.indexOf(MARK);
            if (mark < 0) {
                return;
            }
            String[] parts = frame.substring(mark + MARK.length()).split(":", 4);
            Phase phase = phases.get(parts[0].charAt(0));
            if (phase == null) {
                return;
            }
            int index = Integer.parseInt(parts[1]);
            long intended = Long.parseLong(parts[2]);
            String id = eventId(frame);
            if (id == null) {
                return;
            }
            UUID messageId = UUID.fromString(id);
            BitSet seen = received(phase.key);
            boolean first;
            boolean sameMessage;
            synchronized (this) {
                seen.set(index);
                long[] ids =
                        messageIds.computeIfAbsent(phase.key, p -> new long[2 * (rate * phase.seconds / CHANNELS + 1)]);
                int slot = 2 * (index / CHANNELS);
                first = ids[slot] == 0 && ids[slot + 1] == 0;
                sameMessage = ids[slot] == messageId.getMostSignificantBits()
                        && ids[slot + 1] == messageId.getLeastSignificantBits();
                if (first) {
                    ids[slot] = messageId.getMostSignificantBits();
                    ids[slot + 1] = messageId.getLeastSignificantBits();
                }
            }
            if (!first) {
                // the same message twice is a duplicated frame; another message with the same content was
                // stored twice (a post repeated after an answer that never came)
                (sameMessage ? phase.duplicated : phase.storedTwice).incrementAndGet();
                return;
            }
            phase.sendToDeliver.recordValue(Math.max(0, arrival - intended));
            phase.delivered.incrementAndGet();
            phase.lastArrival.accumulateAndGet(arrival, Math::max);
        }

        private void heartbeat() {
            if (isOpen()) {
                long seen = lastSeq();
                send("{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":" + (seen == 0 ? "null" : seen) + "}}");
            }
        }

        @Override
        protected void ended(String why, Throwable cause) {
            closed = why;
            ready.completeExceptionally(cause);
        }
    }

    // ----------------------------------------------------------------------------------------------- report

    private void report(Phase viaRest, Phase viaKafka) {
        System.out.printf(
                "%n%d messages/s for %d s per path, round-robin over %d channels of %d subscribers"
                        + " (%,d frames expected per path); load average now %s%n",
                rate, seconds, CHANNELS, subscribers, (long) rate * seconds * subscribers, loadAverage());
        System.out.println("latency from the intended send time (open model):");
        row("REST post → 201 (gateway)", viaRest.sendToAccepted);
        row("REST post → socket (end to end)", viaRest.sendToDeliver);
        row("Kafka → socket (realtime tier)", viaKafka.sendToDeliver);
        for (Phase phase : List.of(viaRest, viaKafka)) {
            System.out.printf(
                    "%s: sent %,d in %.1f s (%.0f/s), answers %s; delivered %,d frames (%,.0f/s), lost %,d,"
                            + " duplicated %,d; arrived though not accepted %,d, stored twice %,d%n",
                    phase.label,
                    phase.total,
                    phase.sendingSeconds,
                    phase.total / phase.sendingSeconds,
                    phase.answers(),
                    phase.delivered.get(),
                    phase.delivered.get() / Math.max(1e-9, phase.elapsedSeconds),
                    phase.lost(),
                    phase.duplicated.get(),
                    phase.unexpected(),
                    phase.storedTwice.get());
            System.out.printf(
                    "  CPU during the phase (s, of %.0f core-seconds): %s%n",
                    phase.elapsedSeconds * Runtime.getRuntime().availableProcessors(),
                    phase.cpu.entrySet().stream()
                            .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / 1e9))
                            .collect(Collectors.joining(", ")));
            System.out.printf("  the machine during the phase: %s%n", phase.machine.summary());
        }
        long gaps = sockets.stream().mapToLong(s -> s.sequence.gaps.get()).sum();
        long repeated =
                sockets.stream().mapToLong(s -> s.sequence.repeated.get()).sum();
        List<String> closedSockets = sockets.stream()
                .filter(s -> s.closed != null)
                .map(s -> s.closed)
                .toList();
        System.out.printf(
                "every socket's s over the whole run: %,d gaps, %,d repeated; sockets closed by the server: %d%s%n",
                gaps, repeated, closedSockets.size(), closedSockets.isEmpty() ? "" : " " + closedSockets);
    }

    private static void row(String label, Histogram nanos) {
        System.out.printf(
                "  %-34s p50 %8.2f ms  p99 %8.2f ms  p99.9 %8.2f ms  max %8.2f ms  (%,d samples)%n",
                label,
                nanos.getValueAtPercentile(50) / 1e6,
                nanos.getValueAtPercentile(99) / 1e6,
                nanos.getValueAtPercentile(99.9) / 1e6,
                nanos.getMaxValue() / 1e6,
                nanos.getTotalCount());
    }

    /**
     * The platform after both phases, JIT done, with every socket open and heartbeating and nothing posted: what
     * the machine spends when no one talks — the floor under every phase's CPU.
     */
    private void atRest(List<Jvm> jvms) throws InterruptedException {
        System.out.printf("at rest: %d s with every socket open and nothing posted...%n", AT_REST.toSeconds());
        long[] before = jvms.stream().mapToLong(Jvm::cpuNanos).toArray();
        long ownBefore = ownCpuNanos();
        MachineTicks machineBefore = MachineTicks.read();
        Thread.sleep(AT_REST.toMillis());
        MachineTicks machine = MachineTicks.read().since(machineBefore);
        double seconds = AT_REST.toSeconds();
        double jvmCores = 0;
        List<String> perJvm = new ArrayList<>();
        for (int i = 0; i < jvms.size(); i++) {
            double cores = (jvms.get(i).cpuNanos() - before[i]) / 1e9 / seconds;
            jvmCores += cores;
            perJvm.add(String.format("%s %.3f", jvms.get(i).name(), cores));
        }
        double benchCores = (ownCpuNanos() - ownBefore) / 1e9 / seconds;
        int cores = Runtime.getRuntime().availableProcessors();
        double machineCores = machine.busyShare() * cores;
        System.out.printf(
                "  the machine: %.1f %% of its %d cores busy (%.2f cores): the platform's JVMs %.2f, the bench %.2f,"
                        + " the rest (Kafka, PostgreSQL, the kernel) %.2f%n",
                machine.busyShare() * 100,
                cores,
                machineCores,
                jvmCores,
                benchCores,
                machineCores - jvmCores - benchCores);
        System.out.printf("  cores used per JVM: %s%n", String.join(", ", perJvm));
    }

    /** The machine's CPU time from {@code /proc/stat}'s first line, in clock ticks: busy and all. */
    private record MachineTicks(long busy, long total) {

        static MachineTicks read() {
            try {
                String[] fields =
                        Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < fields.length; i++) {
                    total += Long.parseLong(fields[i]);
                }
                // idle and iowait are the 4th and 5th numbers
                return new MachineTicks(total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]), total);
            } catch (Exception unreadable) {
                return new MachineTicks(0, 0);
            }
        }

        MachineTicks since(MachineTicks earlier) {
            return new MachineTicks(busy - earlier.busy, total - earlier.total);
        }

        double busyShare() {
            return total == 0 ? Double.NaN : (double) busy / total;
        }
    }

    /**
     * The machine's busy share second by second while a phase runs (one read of {@code /proc/stat} a second): the
     * p99 follows the seconds in which both cores were busy (docs/benchmarks.md, stops 32–34).
     */
    private static final class MachineSeconds implements Runnable {
        private final List<Double> busyShares = new CopyOnWriteArrayList<>();
        private MachineTicks last = MachineTicks.read();

        @Override
        public void run() {
            MachineTicks now = MachineTicks.read();
            busyShares.add(now.since(last).busyShare());
            last = now;
        }

        String summary() {
            if (busyShares.isEmpty() || busyShares.stream().anyMatch(share -> share.isNaN())) {
                return "unknown (no /proc/stat)";
            }
            return String.format(
                    "%.1f %% busy on average; seconds at 95-99 %% busy %d, at 99 %% or more %d (of %d)",
                    busyShares.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .average()
                                    .orElseThrow()
                            * 100,
                    busyShares.stream()
                            .filter(share -> share >= 0.95 && share < 0.99)
                            .count(),
                    busyShares.stream().filter(share -> share >= 0.99).count(),
                    busyShares.size());
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /** A platform instance whose CPU time the report shows. */
    private record Jvm(String name, long pid) {

        static List<Jvm> all(LocalPlatform platform, DevStackConfig config) {
            List<Jvm> jvms = new ArrayList<>();
            for (ServiceDefinition service : config.applications()) {
                for (ServiceProcess instance : platform.instancesOf(service)) {
                    jvms.add(new Jvm(instance.instanceName(), instance.pid()));
                }
            }
            return jvms;
        }

        long cpuNanos() {
            return ProcessHandle.of(pid)
                    .flatMap(handle -> handle.info().totalCpuDuration())
                    .map(Duration::toNanos)
                    .orElse(0L);
        }
    }
}
