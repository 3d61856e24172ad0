package dev.connectnow.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.events.Topics;
import dev.connectnow.testkit.TestKafka;
import dev.connectnow.testkit.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * realtime-service as its own JVM with production flags (G1, full JIT) on the in-process Kafka broker, a
 * stand-in for the snapshot endpoints of workspace-, channel- and dm-service, and WebSocket clients on one
 * event-loop thread ({@link BenchSockets}):
 * <ol>
 *   <li><b>Idle sockets.</b> Heap after a full GC with no socket (the baseline) and with N identified idle
 *   sockets, one user each, every user in one channel of {@code subscribers} members: heap per socket,
 *   everything the tier keeps for it included (Netty channel, session, replay buffer, routing index).</li>
 *   <li><b>Fan-out.</b> {@code message.created} events produced straight to Kafka at a fixed rate (open model,
 *   round-robin over the channels), each reaching its channel's subscribers: latency from the event's
 *   <em>intended</em> send time to its arrival at the client socket, beside the baseline of the same records
 *   read by a plain Kafka consumer in the same run (what Kafka alone costs); delivered frames/s; lost,
 *   duplicated and out-of-sequence frames.</li>
 * </ol>
 */
final class RealtimeBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // below the snapshot calls realtime-service makes at once per owning service (its bulkhead: 25)
    private static final int CONNECTS_IN_FLIGHT = 16;

    private final int sockets;
    private final int subscribers;
    private final int rate;
    private final int seconds;
    private final BenchSockets webSockets = new BenchSockets("rtbench-sockets");
    private final UUID workspace = UUID.randomUUID();
    /** user → the one channel they are in. */
    private final Map<UUID, UUID> channelOf = new ConcurrentHashMap<>();

    RealtimeBench(int sockets, int subscribers, int rate, int seconds) {
        this.sockets = sockets;
        this.subscribers = subscribers;
        this.rate = rate;
        this.seconds = seconds;
    }

    void run() throws Exception {
        HttpServer owners = owningServices();
        ServiceJvm service = ServiceJvm.start(
                "realtime-service",
                RepoRoot.locate(),
                environment("http://127.0.0.1:" + owners.getAddress().getPort()));
        int port = service.port();
        List<Client> clients = new ArrayList<>();
        try {
            System.out.printf(
                    "realtime benchmark: %d cores, service JVM %s, %,d sockets, %d per channel%n",
                    Runtime.getRuntime().availableProcessors(), ServiceJvm.describeJvms(), sockets, subscribers);

            // warm the identify path (JIT, pools, breakers) on sockets that are then closed normally (1000 ends
            // their sessions), and forget their users so no event is sent to their channels
            connect(URI.create("ws://127.0.0.1:" + port + "/ws"), 200, new ArrayList<>())
                    .forEach(Client::closeNormally);
            channelOf.clear();
            awaitMetric(service, "connectnow_realtime_sessions", 0);
            long baselineHeap = heapAfterGc(service);
            long start = System.nanoTime();
            connect(URI.create("ws://127.0.0.1:" + port + "/ws"), sockets, clients);
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            long loadedHeap = heapAfterGc(service);
            System.out.printf("idle sockets (heap after a full GC of the service JVM):%n");
            System.out.printf("  baseline, no socket:     %,10.1f MiB%n", baselineHeap / 1048576.0);
            System.out.printf(
                    "  %,6d identified sockets: %,10.1f MiB (identified in %.1f s, %,.0f/s; the server counts %s)%n",
                    sockets,
                    loadedHeap / 1048576.0,
                    connectSeconds,
                    sockets / connectSeconds,
                    metric(service, "connectnow_realtime_sockets "));
            System.out.printf(
                    "  heap per idle socket:    %,10.1f KiB%n", (loadedHeap - baselineHeap) / 1024.0 / sockets);

            fanOut(clients, service);
        } finally {
            clients.forEach(Client::abort);
            webSockets.close();
            service.close();
            owners.stop(0);
        }
    }

    // ----- fan-out -----

    private void fanOut(List<Client> clients, ServiceJvm service) throws Exception {
        List<UUID> channels = channelOf.values().stream().distinct().sorted().toList();
        int events = rate * seconds;
        Recorder viaRealtime = new Recorder(3);
        Recorder viaKafka = new Recorder(3);
        clients.forEach(client -> client.latencies = viaRealtime);
        AtomicBoolean consuming = new AtomicBoolean(true);
        AtomicLong consumed = new AtomicLong();
        Thread baseline = new Thread(
                () -> {
                    try (KafkaConsumer<String, String> consumer = consumer()) {
                        while (consuming.get()) {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                                long intended = intendedNanos(record.value());
                                if (intended > 0) {
                                    viaKafka.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                                    consumed.incrementAndGet();
                                }
                            }
                        }
                    }
                },
                "kafka-baseline");
        baseline.start();
        // the baseline consumer holds its partitions before the first event
        Thread.sleep(3000);
        long delivered0 = clients.stream().mapToLong(c -> c.delivered.get()).sum();
        long cpuBefore = service.cpuNanos();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (MessageCreatedProducer producer =
                new MessageCreatedProducer(TestKafka.shared().bootstrapServers())) {
            for (int i = 0; i < events; i++) {
                long intended = start + i * period;
                LockSupport.parkNanos(intended - System.nanoTime());
                // the content carries the intended send time
                producer.send(
                        channels.get(i % channels.size()),
                        workspace,
                        i + 1,
                        "bench " + i + " at " + intended + " ns, a message of ordinary length",
                        null);
            }
        }
        long expected = (long) events * subscribers;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (clients.stream().mapToLong(c -> c.delivered.get()).sum() - delivered0 < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = service.cpuNanos() - cpuBefore;
        consuming.set(false);
        baseline.join();
        long delivered = clients.stream().mapToLong(c -> c.delivered.get()).sum() - delivered0;
        long duplicates =
                clients.stream().mapToLong(c -> c.sequence.repeated.get()).sum();
        long gaps = clients.stream().mapToLong(c -> c.sequence.gaps.get()).sum();
        Histogram realtime = viaRealtime.getIntervalHistogram();
        Histogram kafka = viaKafka.getIntervalHistogram();
        System.out.printf(
                "fan-out, %d message.created/s for %d s over %d channels of %d subscribers (%,d frames expected):%n",
                rate, seconds, channels.size(), subscribers, expected);
        row("baseline: Kafka → plain consumer", kafka);
        row("Kafka → realtime → socket", realtime);
        System.out.printf(
                "  delivered %,d frames (%,.0f/s), lost %,d, duplicated %,d, sequence gaps %,d; baseline consumed %,d of %,d%n",
                delivered,
                delivered / elapsed,
                Math.max(0, expected - delivered + duplicates),
                duplicates,
                gaps,
                consumed.get(),
                events);
        System.out.printf(
                "  service CPU %.1f s for %,d events (%.0f µs per event, %.1f µs per delivered frame)%n",
                cpu / 1e9, events, cpu / 1e3 / events, cpu / 1e3 / Math.max(1, delivered));
    }

    private static void row(String label, Histogram micros) {
        System.out.printf(
                "  %-34s p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms  (%,d samples)%n",
                label,
                micros.getValueAtPercentile(50) / 1e3,
                micros.getValueAtPercentile(99) / 1e3,
                micros.getValueAtPercentile(99.9) / 1e3,
                micros.getMaxValue() / 1e3,
                micros.getTotalCount());
    }

    /** The intended send time written into a message's content, or -1 for records of other runs. */
    private static long intendedNanos(String text) {
        int at = text.indexOf(" at ");
        int ns = text.indexOf(" ns,", at + 4);
        if (!text.contains("\"bench ") || at < 0 || ns < 0) {
            return -1;
        }
        return Long.parseLong(text.substring(at + 4, ns));
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MESSAGE).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    // ----- sockets -----

    /** Opens {@code count} sockets, each identified as a new user; returns once every one got READY. */
    private List<Client> connect(URI uri, int count, List<Client> into) throws Exception {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<Client>> pending = new ArrayList<>();
        UUID channel = null;
        for (int i = 0; i < count; i++) {
            if (i % subscribers == 0) {
                channel = UUID.randomUUID();
            }
            UUID user = UUID.randomUUID();
            channelOf.put(user, channel);
            inFlight.acquire();
            pending.add(identified(uri, TestTokens.accessToken(user), 1)
                    .orTimeout(60, TimeUnit.SECONDS)
                    .whenComplete((ignored, failure) -> inFlight.release()));
        }
        for (CompletableFuture<Client> ready : pending) {
            into.add(ready.get());
        }
        return into;
    }

    /**
     * One socket identified after HELLO, as the protocol orders; a 4013 ("memberships unavailable, try again
     * later" — the snapshot breaker of a service that just started) is retried as a client would.
     */
    private CompletableFuture<Client> identified(URI uri, String token, int attempt) {
        Client client = new Client();
        return webSockets
                .open(uri, client)
                .thenCompose(socket -> client.hello.thenCompose(hello -> {
                    socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
                    return client.ready;
                }))
                .thenApply(ignored -> client)
                .exceptionallyCompose(failure -> attempt < 5
                                && String.valueOf(failure.getMessage()).contains("4013")
                        ? CompletableFuture.supplyAsync(
                                        () -> null, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
                                .thenCompose(retry -> identified(uri, token, attempt + 1))
                        : CompletableFuture.failedFuture(failure));
    }

    /** One socket: counts EVENT frames, checks their sequence, records the latency of bench messages. */
    private static final class Client extends BenchSocket {
        final CompletableFuture<Void> hello = new CompletableFuture<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final AtomicLong delivered = new AtomicLong();
        volatile Recorder latencies;

        @Override
        protected void frame(String frame, long arrivalNanos) {
            if (frame.startsWith(EVENT_PREFIX)) {
                event(frame, arrivalNanos);
            } else if (frame.startsWith("{\"op\":\"READY\"")) {
                ready.complete(null);
            } else if (frame.startsWith("{\"op\":\"HELLO\"")) {
                hello.complete(null);
            }
        }

        private void event(String frame, long received) {
            long intended = intendedNanos(frame);
            Recorder recorder = latencies;
            if (intended > 0 && recorder != null) {
                recorder.recordValue(Math.max(0, (received - intended) / 1000));
                delivered.incrementAndGet();
            }
        }

        @Override
        protected void ended(String why, Throwable cause) {
            hello.completeExceptionally(cause);
            ready.completeExceptionally(cause);
        }

        void closeNormally() {
            close(1000, "done").join();
        }
    }

    // ----- the service and its stand-ins -----

    /** workspace-, channel- and dm-service as realtime-service's snapshot reads them, for every bench user. */
    private HttpServer owningServices() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext(
                "/api/workspaces",
                exchange ->
                        answer(exchange, user -> "{\"items\":[{\"id\":\"" + workspace + "\"}],\"nextCursor\":null}"));
        server.createContext(
                "/api/channels/memberships",
                exchange -> answer(
                        exchange,
                        user -> "{\"items\":[{\"channelId\":\"" + channelOf.get(user) + "\",\"workspaceId\":\""
                                + workspace + "\",\"role\":\"MEMBER\",\"isPrivate\":false,\"memberCount\":"
                                + subscribers + "}],\"nextCursor\":null}"));
        server.createContext(
                "/api/dm/conversations", exchange -> answer(exchange, user -> "{\"items\":[],\"nextCursor\":null}"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    static void answer(HttpExchange exchange, java.util.function.Function<UUID, String> body) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String claims = new String(
                    Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]), StandardCharsets.UTF_8);
            UUID user = UUID.fromString(JSON.readTree(claims).path("sub").asString());
            byte[] bytes = body.apply(user).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static Map<String, String> environment(String owners) {
        String simple = "\"spring.cloud.discovery.client.simple.instances.%s[0].uri\":\"" + owners + "\"";
        return Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                TestKafka.shared().bootstrapServers(),
                "CONNECTNOW_SECURITY_JWK_SET_URI",
                TestTokens.shared().jwkSetUri(),
                "EUREKA_CLIENT_ENABLED",
                "false",
                // idle means idle: no client heartbeat is due while the heap is measured
                "CONNECTNOW_REALTIME_HEARTBEAT_INTERVAL",
                "30m",
                "SPRING_APPLICATION_JSON",
                "{"
                        + String.join(
                                ",",
                                simple.formatted("workspace-service"),
                                simple.formatted("channel-service"),
                                simple.formatted("dm-service"))
                        + "}");
    }

    /** Heap in use right after two full collections of the service JVM ({@code jcmd GC.run}). */
    private long heapAfterGc(ServiceJvm service) throws Exception {
        for (int i = 0; i < 2; i++) {
            Process gc = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(service.process().pid()),
                            "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                throw new IllegalStateException("jcmd GC.run failed");
            }
        }
        long used = 0;
        for (String line : service.prometheus().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    private void awaitMetric(ServiceJvm service, String name, double value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!metric(service, name + " ").equals("?") && Double.parseDouble(metric(service, name + " ")) != value) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not reach " + value + ": " + metric(service, name + " "));
            }
            Thread.sleep(200);
        }
    }

    private String metric(ServiceJvm service, String prefix) throws Exception {
        for (String line : service.prometheus().split("\n")) {
            if (line.startsWith(prefix) || line.startsWith(prefix.trim() + "{")) {
                return line.substring(line.lastIndexOf(' ') + 1);
            }
        }
        return "?";
    }
}
