package dev.connectnow.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.events.connection.ConnectionEvents.SocketConnected;
import dev.connectnow.events.connection.ConnectionEvents.SocketDisconnected;
import dev.connectnow.testkit.TestKafka;
import dev.connectnow.testkit.TestPostgres;
import dev.connectnow.testkit.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * presence-service on real PostgreSQL and Kafka, as its own JVM with production flags (G1, full JIT) and its
 * production settings (5 s offline grace, 30 s lease), fed by this process playing one realtime-service
 * instance (socket events keyed by user, a heartbeat listing its live sockets every 10 s):
 * <ol>
 *   <li><b>connection churn</b>: bursts of {@code socket.connected}, then {@code socket.disconnected}, for
 *   {@value #USERS} users with {@value #SOCKETS_PER_USER} sockets each — socket events applied per second (as
 *   the service's database shows them) and {@code presence.updated} published per second (read back from
 *   Kafka), with the service's CPU per event; baseline: the same records read from the same topic by a plain
 *   consumer that writes one row per record in its own transaction (the least a consumer that keeps what it
 *   reads can do);</li>
 *   <li><b>fan-out cost by workspace size</b>: {@value #CHANGERS} connected members of a workspace of 100 to
 *   10,000 members change their status twice each; per change: events published, whether the event routes to
 *   every co-member ({@code fanOutWorkspaceIds}) or only to subscribers, the service's CPU and latency, against
 *   the baseline of a push to every member (the member list a change would have to read, and the frames it
 *   would send).</li>
 * </ol>
 */
final class PresenceBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventJson EVENTS = new EventJson(JSON);
    private static final String INSTANCE = "realtime-service:bench-" + UUID.randomUUID();
    private static final long HEARTBEAT_MS = 10_000;
    private static final int USERS = 500;
    private static final int SOCKETS_PER_USER = 2;
    private static final int ROUNDS = 2;
    private static final int CHANGERS = 40;
    private static final int FAN_OUT_MAX_MEMBERS = 500;
    private static final List<Integer> WORKSPACE_SIZES = List.of(100, 500, 2_000, 10_000);
    /** Screens showing a given user in a large workspace (member list page, DM list): a typical subscriber count. */
    private static final int SUBSCRIBERS = 25;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<UUID, LiveSocket> live = new ConcurrentHashMap<>();
    private final Instant startedAt = Instant.now();
    private KafkaProducer<String, String> producer;

    void run() throws Exception {
        TestPostgres.Database database = TestPostgres.shared().createDatabase();
        String kafka = TestKafka.shared().bootstrapServers();
        ServiceJvm service = ServiceJvm.start("presence-service", RepoRoot.locate(), environment(database, kafka));
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(),
                new StringSerializer());
        try (HikariDataSource dataSource = new HikariDataSource();
                PresenceTrail trail = new PresenceTrail(kafka)) {
            dataSource.setJdbcUrl(database.jdbcUrl());
            dataSource.setUsername(database.username());
            dataSource.setPassword(database.password());
            dataSource.setMaximumPoolSize(4);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            String base = service.url();
            System.out.printf(
                    "presence benchmark: %d cores, service JVM %s, offline grace 5 s, lease 30 s, fan-out threshold"
                            + " %d members%n",
                    Runtime.getRuntime().availableProcessors(), ServiceJvm.describeJvms(), FAN_OUT_MAX_MEMBERS);
            heartbeats.scheduleAtFixedRate(this::heartbeat, 0, HEARTBEAT_MS, TimeUnit.MILLISECONDS);

            List<UUID> users = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                users.add(UuidV7.next());
            }
            churn(jdbc, trail, service, users, "warm-up");
            long records = 0;
            double serviceSeconds = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                Churn result = churn(jdbc, trail, service, users, "round " + round);
                records += result.events();
                serviceSeconds += result.seconds();
            }
            baseline(jdbc, kafka, records / serviceSeconds);

            System.out.printf(
                    "%nfan-out: %d connected members of one workspace change status twice each (BUSY, ONLINE)%n",
                    CHANGERS);
            for (int size : WORKSPACE_SIZES) {
                fanOut(jdbc, trail, service, base, size);
            }
        } finally {
            heartbeats.shutdownNow();
            producer.close(Duration.ofSeconds(5));
            service.close();
        }
    }

    // ----- connection churn -----

    private record Churn(long events, double seconds) {}

    /** Every user connects all their sockets, then closes them; returns the socket events and the time taken. */
    private Churn churn(JdbcTemplate jdbc, PresenceTrail trail, ServiceJvm service, List<UUID> users, String label)
            throws InterruptedException {
        Set<UUID> userSet = Set.copyOf(users);
        int sockets = users.size() * SOCKETS_PER_USER;
        List<LiveSocket> opened = new ArrayList<>();
        long cpuBefore = service.cpuNanos();
        long start = System.nanoTime();
        for (UUID user : users) {
            for (int s = 0; s < SOCKETS_PER_USER; s++) {
                // listable from this moment on (the heartbeat contract): announce time = connectedAt
                LiveSocket socket = new LiveSocket(UuidV7.next(), user, Instant.now());
                live.put(socket.socketId(), socket);
                opened.add(socket);
                send(
                        ConnectionEvents.SOCKET_CONNECTED,
                        user.toString(),
                        new SocketConnected(socket.socketId(), user, INSTANCE, socket.connectedAt()));
            }
        }
        producer.flush();
        List<UUID> ids = opened.stream().map(LiveSocket::socketId).toList();
        awaitUntil("every socket is live", () -> liveSockets(jdbc, ids) == sockets);
        double connectApplied = (System.nanoTime() - start) / 1e9;
        trail.awaitStatus(userSet, "ONLINE");
        double connectPublished = (System.nanoTime() - start) / 1e9;
        long connectCpu = service.cpuNanos() - cpuBefore;

        cpuBefore = service.cpuNanos();
        start = System.nanoTime();
        for (LiveSocket socket : opened) {
            live.remove(socket.socketId());
            send(
                    ConnectionEvents.SOCKET_DISCONNECTED,
                    socket.userId().toString(),
                    new SocketDisconnected(
                            socket.socketId(), socket.userId(), INSTANCE, socket.connectedAt(), Instant.now(), 1000));
        }
        producer.flush();
        awaitUntil("every socket is closed", () -> liveSockets(jdbc, ids) == 0);
        double disconnectApplied = (System.nanoTime() - start) / 1e9;
        trail.awaitStatus(userSet, "OFFLINE");
        double disconnectPublished = (System.nanoTime() - start) / 1e9;
        long disconnectCpu = service.cpuNanos() - cpuBefore;

        System.out.printf(
                "churn %-8s %,d connects applied in %.2f s = %,.0f/s (%,d ONLINE published after %.2f s),"
                        + " %.0f µs service CPU per event%n",
                label,
                sockets,
                connectApplied,
                sockets / connectApplied,
                users.size(),
                connectPublished,
                connectCpu / 1e3 / sockets);
        System.out.printf(
                "churn %-8s %,d disconnects applied in %.2f s = %,.0f/s (%,d OFFLINE published after %.2f s, 5 s"
                        + " grace included), %.0f µs service CPU per event%n",
                label,
                sockets,
                disconnectApplied,
                sockets / disconnectApplied,
                users.size(),
                disconnectPublished,
                disconnectCpu / 1e3 / sockets);
        return new Churn(2L * sockets, connectApplied + disconnectApplied);
    }

    /** The instance's word on its sockets: sentAt taken before the list is built, as realtime-service does. */
    private void heartbeat() {
        Instant sentAt = Instant.now();
        List<LiveSocket> sockets = List.copyOf(live.values());
        send(
                ConnectionEvents.INSTANCE_HEARTBEAT,
                INSTANCE,
                new InstanceHeartbeat(INSTANCE, startedAt, sentAt, HEARTBEAT_MS, false, sockets));
    }

    private <T> void send(EventType<T> type, String key, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, "/realtime-service", key, null, data, Instant.now());
        producer.send(new ProducerRecord<>(type.topic(), key, EVENTS.write(envelope)));
    }

    private static int liveSockets(JdbcTemplate jdbc, List<UUID> socketIds) {
        return jdbc.queryForObject(
                "select count(*) from presence_sockets where closed_at is null and socket_id = any(?)",
                Integer.class,
                (Object) socketIds.toArray(UUID[]::new));
    }

    /**
     * The baseline: every record the service read from the connection topic, read again by a plain consumer
     * that inserts one row per record, each in its own transaction, into the same PostgreSQL.
     */
    private static void baseline(JdbcTemplate jdbc, String kafka, double serviceRate) {
        jdbc.execute("create table baseline_connection_events (id uuid primary key, key text, value text)");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-baseline-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CONNECTION));
            long records = 0;
            long start = 0;
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < TimeUnit.SECONDS.toNanos(5)) {
                var batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> record : batch) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    jdbc.update(
                            "insert into baseline_connection_events (id, key, value) values (?, ?, ?)",
                            UUID.randomUUID(),
                            record.key(),
                            record.value());
                    records++;
                }
                if (!batch.isEmpty()) {
                    consumer.commitSync();
                    idleSince = System.nanoTime();
                }
            }
            double seconds = (idleSince - start) / 1e9;
            double rate = records / seconds;
            System.out.printf(
                    "baseline: %,d connection records read back and inserted one row per transaction in %.2f s ="
                            + " %,.0f/s; service socket events applied ÷ baseline: %.2f%n",
                    records, seconds, rate, serviceRate / rate);
        }
    }

    // ----- fan-out -----

    private void fanOut(JdbcTemplate jdbc, PresenceTrail trail, ServiceJvm service, String base, int size)
            throws Exception {
        UUID workspace = UuidV7.next();
        List<UUID> changers = new ArrayList<>();
        for (int i = 0; i < CHANGERS; i++) {
            changers.add(UuidV7.next());
        }
        // the projection as workspace-service's member events leave it: the changers plus silent members
        jdbc.update(
                "insert into workspaces (workspace_id, member_count, deleted, updated_at) values (?, ?, false, now())",
                workspace,
                size);
        jdbc.update("""
                insert into workspace_memberships (workspace_id, user_id, membership_id, revision, removed, updated_at)
                select ?, u, gen_random_uuid(), 1, false, now() from unnest(?::uuid[]) u
                union all
                select ?, gen_random_uuid(), gen_random_uuid(), 1, false, now() from generate_series(1, ?)""", workspace, changers.toArray(UUID[]::new), workspace, size - CHANGERS);
        jdbc.execute("analyze workspace_memberships");
        for (UUID changer : changers) {
            LiveSocket socket = new LiveSocket(UuidV7.next(), changer, Instant.now());
            live.put(socket.socketId(), socket);
            send(
                    ConnectionEvents.SOCKET_CONNECTED,
                    changer.toString(),
                    new SocketConnected(socket.socketId(), changer, INSTANCE, socket.connectedAt()));
        }
        producer.flush();
        trail.awaitStatus(Set.copyOf(changers), "ONLINE");

        // warm-up: one change back and forth per changer, not measured
        for (UUID changer : changers) {
            put(http, base, changer, "BUSY");
            put(http, base, changer, "ONLINE");
        }
        trail.awaitStatus(Set.copyOf(changers), "ONLINE");
        int before = trail.count(Set.copyOf(changers));

        Histogram latency = new Histogram(60_000_000L, 3);
        long cpuBefore = service.cpuNanos();
        for (String status : List.of("BUSY", "ONLINE")) {
            for (UUID changer : changers) {
                long start = System.nanoTime();
                put(http, base, changer, status);
                latency.recordValue((System.nanoTime() - start) / 1000);
            }
        }
        long cpu = service.cpuNanos() - cpuBefore;
        int changes = 2 * CHANGERS;
        trail.awaitCount(Set.copyOf(changers), before + changes);
        List<JsonNode> events = trail.latest(Set.copyOf(changers));
        boolean pushed = events.stream()
                .allMatch(e -> contains(e.path("data").path("fanOutWorkspaceIds"), workspace.toString()));
        boolean routed =
                events.stream().allMatch(e -> contains(e.path("data").path("workspaceIds"), workspace.toString()));

        Histogram memberList = new Histogram(60_000_000L, 3);
        for (int i = 0; i < 20; i++) { // warm-up: plan cached, pages in shared buffers
            membersOf(jdbc, workspace);
        }
        for (int i = 0; i < changes; i++) {
            long start = System.nanoTime();
            int members = membersOf(jdbc, workspace);
            memberList.recordValue((System.nanoTime() - start) / 1000);
            if (members != size) {
                throw new IllegalStateException("expected " + size + " members, read " + members);
            }
        }
        int frames = pushed ? size : 1 + SUBSCRIBERS;
        System.out.printf(
                "fan-out %,6d members: %d events for %d changes (%s), PUT p50 %.1f ms, %.0f µs service CPU per change;"
                        + " frames per change %,d (push to all: %,d); push-to-all member list p50 %.2f ms%n",
                size,
                trail.count(Set.copyOf(changers)) - before,
                changes,
                !routed ? "NOT ROUTED" : pushed ? "pushed to co-members" : "subscribers only",
                latency.getValueAtPercentile(50) / 1e3,
                cpu / 1e3 / changes,
                frames,
                size,
                memberList.getValueAtPercentile(50) / 1e3);
    }

    private static int membersOf(JdbcTemplate jdbc, UUID workspace) {
        return jdbc.queryForList(
                        "select user_id from workspace_memberships where workspace_id = ? and not removed",
                        UUID.class,
                        workspace)
                .size();
    }

    static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (element.asString().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code PUT /api/presence/me} as the user; anything but 200 ends the run. */
    static void put(HttpClient http, String base, UUID user, String status) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/presence/me"))
                .header("Authorization", "Bearer " + TestTokens.accessToken(user))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT answered " + response.statusCode() + " " + response.body());
        }
    }

    // ----- presence.updated read back -----

    /** Every presence.updated on connectnow.presence: the latest status per user and the count per user. */
    static final class PresenceTrail implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        PresenceTrail(String kafka) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            kafka,
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "bench-trail-" + UUID.randomUUID(),
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            "false"),
                    new StringDeserializer(),
                    new StringDeserializer());
            consumer.subscribe(List.of(Topics.PRESENCE));
        }

        void awaitStatus(Set<UUID> users, String status) throws InterruptedException {
            awaitUntil("every user is " + status + " in presence.updated", () -> {
                poll();
                return users.stream().allMatch(u -> {
                    JsonNode event = latest.get(u.toString());
                    return event != null
                            && event.path("data").path("status").asString().equals(status);
                });
            });
        }

        void awaitCount(Set<UUID> users, int count) throws InterruptedException {
            awaitUntil(count + " presence.updated events", () -> {
                poll();
                return count(users) >= count;
            });
        }

        int count(Set<UUID> users) {
            return users.stream()
                    .mapToInt(u -> counts.getOrDefault(u.toString(), 0))
                    .sum();
        }

        List<JsonNode> latest(Set<UUID> users) {
            Set<String> keys = new HashSet<>();
            users.forEach(u -> keys.add(u.toString()));
            return latest.entrySet().stream()
                    .filter(e -> keys.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        private void poll() {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                latest.put(record.key(), JSON.readTree(record.value()));
                counts.merge(record.key(), 1, Integer::sum);
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    // ----- the service process -----

    static Map<String, String> environment(TestPostgres.Database database, String kafka) {
        return Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", database.username(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka,
                "CONNECTNOW_SECURITY_JWK_SET_URI", TestTokens.shared().jwkSetUri(),
                "EUREKA_CLIENT_ENABLED", "false",
                "PRESENCE_FAN_OUT_MAX_MEMBERS", Integer.toString(FAN_OUT_MAX_MEMBERS));
    }

    private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
