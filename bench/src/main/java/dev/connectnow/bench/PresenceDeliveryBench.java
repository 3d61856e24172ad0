package dev.connectnow.bench;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.events.UuidV7;
import dev.connectnow.testkit.TestKafka;
import dev.connectnow.testkit.TestPostgres;
import dev.connectnow.testkit.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Presence frames actually delivered through realtime-service per status change: one workspace of
 * {@value #MEMBERS} members, {@value #CONNECTED} of them connected with one socket each (WebSocket clients on
 * a realtime-service JVM), {@value #CHANGERS} of those change their status twice ({@code PUT /api/presence/me}
 * BUSY, then ONLINE) on a presence-service JVM, both with production flags on the same PostgreSQL and Kafka:
 * <ol>
 *   <li><b>below the fan-out threshold</b> (presence-service's {@code fan-out-max-members} above the workspace
 *   size): presence-service lists the workspace in {@code fanOutWorkspaceIds} and realtime-service pushes each
 *   change to every connected co-member unasked;</li>
 *   <li><b>above it</b> (the default, 500; presence-service restarted on the same database): each socket names
 *   the {@value #SHOWN} members its screen shows in {@code PRESENCE_SUBSCRIBE} (a member list page, at random),
 *   and a change reaches the user's own sockets and the sockets that named them.</li>
 * </ol>
 * Frames are counted at the clients (every {@code presence.updated} about a changer in the measured status), next
 * to what presence-service decided (its events read back from Kafka) and what the routing rules expect.
 */
final class PresenceDeliveryBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MEMBERS = 2_000;
    private static final int CONNECTED = 200;
    private static final int CHANGERS = 20;
    private static final int SHOWN = 50;
    private static final Duration SETTLED = Duration.ofSeconds(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final BenchSockets webSockets = new BenchSockets("presence-sockets");
    private final UUID workspace = UuidV7.next();
    private final List<UUID> members = new ArrayList<>();
    /** "userId status" → presence frames about it received by all sockets together. */
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();

    void run() throws Exception {
        for (int i = 0; i < MEMBERS; i++) {
            members.add(UuidV7.next());
        }
        List<UUID> connected = members.subList(0, CONNECTED);
        List<UUID> changers = members.subList(0, CHANGERS);
        TestPostgres.Database database = TestPostgres.shared().createDatabase();
        HttpServer owners = owningServices();
        ServiceJvm realtime = ServiceJvm.start(
                "realtime-service",
                RepoRoot.locate(),
                RealtimeBench.environment(
                        "http://127.0.0.1:" + owners.getAddress().getPort()));
        List<Client> sockets = new ArrayList<>();
        try (HikariDataSource dataSource = dataSource(database)) {
            System.out.printf(
                    "presence delivery benchmark: %d cores, service JVMs %s; one workspace of %,d members, %d connected"
                            + " (one socket each), %d of them change status twice (BUSY, ONLINE)%n",
                    Runtime.getRuntime().availableProcessors(),
                    ServiceJvm.describeJvms(),
                    MEMBERS,
                    CONNECTED,
                    CHANGERS);
            try (ServiceJvm presence = startPresence(database, MEMBERS + 1)) {
                projection(new JdbcTemplate(dataSource)); // once presence-service has created its tables
                URI ws = URI.create("ws://127.0.0.1:" + realtime.port() + "/ws");
                for (UUID user : connected) {
                    sockets.add(Client.identified(webSockets, ws, user, this::count));
                }
                // every connect is announced ONLINE to the co-members connected by then; measure after that
                try (PresenceBench.PresenceTrail trail =
                        new PresenceBench.PresenceTrail(TestKafka.shared().bootstrapServers())) {
                    trail.awaitStatus(Set.copyOf(connected), "ONLINE");
                }
                awaitSettled(() -> total(connected, "ONLINE"), Long.MAX_VALUE);
                measure(
                        "below the threshold (fan-out-max-members " + (MEMBERS + 1) + ")",
                        presence,
                        changers,
                        changer -> CONNECTED);
            }

            Random random = new Random(11);
            Map<UUID, Integer> subscribers = new HashMap<>();
            for (Client socket : sockets) {
                Set<UUID> shown = new HashSet<>();
                while (shown.size() < SHOWN) {
                    shown.add(members.get(random.nextInt(MEMBERS)));
                }
                shown.remove(socket.user); // a user's own sockets get their presence anyway
                socket.subscribe(shown);
                shown.forEach(user -> subscribers.merge(user, 1, Integer::sum));
            }
            for (Client socket : sockets) {
                socket.awaitAcknowledged(); // a HEARTBEAT after the subscription: answered once it was applied
            }
            try (ServiceJvm presence = startPresence(database, 500)) {
                measure(
                        "above the threshold (fan-out-max-members 500, sockets subscribed to " + SHOWN + " members)",
                        presence,
                        changers,
                        changer -> 1 + subscribers.getOrDefault(changer, 0));
            }
        } finally {
            sockets.forEach(Client::abort);
            webSockets.close();
            realtime.close();
            owners.stop(0);
        }
    }

    private void measure(String label, ServiceJvm presence, List<UUID> changers, ToFrames expectedPerChange)
            throws Exception {
        long cpu = presence.cpuNanos();
        try (PresenceBench.PresenceTrail trail =
                new PresenceBench.PresenceTrail(TestKafka.shared().bootstrapServers())) {
            long expected = 0;
            long delivered = 0;
            for (String status : List.of("BUSY", "ONLINE")) {
                long before = total(changers, status);
                long expectedNow = 0;
                for (UUID changer : changers) {
                    PresenceBench.put(http, presence.url(), changer, status);
                    expectedNow += expectedPerChange.frames(changer);
                }
                trail.awaitStatus(Set.copyOf(changers), status);
                awaitSettled(() -> total(changers, status) - before, expectedNow);
                expected += expectedNow;
                delivered += total(changers, status) - before;
            }
            List<JsonNode> decisions = trail.latest(Set.copyOf(changers));
            long pushed = decisions.stream()
                    .filter(e ->
                            PresenceBench.contains(e.path("data").path("fanOutWorkspaceIds"), workspace.toString()))
                    .count();
            int changes = 2 * changers.size();
            System.out.printf(
                    "%s:%n  presence-service: 1 event per change, the workspace in fanOutWorkspaceIds for %d of %d users"
                            + " (%s); %.0f µs service CPU per change%n",
                    label,
                    pushed,
                    changers.size(),
                    pushed == changers.size() ? "push to every co-member" : pushed == 0 ? "subscribers only" : "MIXED",
                    (presence.cpuNanos() - cpu) / 1e3 / changes);
            System.out.printf(
                    "  delivered: %,d presence frames for %d changes = %.1f frames per change (the routing rules"
                            + " expect %.1f), %.3f frames per connected socket per change%n",
                    delivered,
                    changes,
                    (double) delivered / changes,
                    (double) expected / changes,
                    (double) delivered / changes / CONNECTED);
        }
    }

    /** How many sockets a change of this user should reach. */
    @FunctionalInterface
    private interface ToFrames {
        int frames(UUID changer);
    }

    private long total(List<UUID> users, String status) {
        long sum = 0;
        for (UUID user : users) {
            AtomicLong count = received.get(user + " " + status);
            sum += count == null ? 0 : count.get();
        }
        return sum;
    }

    private void count(String frame) {
        if (!frame.contains("\"t\":\"presence.updated\"")) {
            return;
        }
        JsonNode d = JSON.readTree(frame).path("d");
        received.computeIfAbsent(
                        d.path("userId").asString() + " " + d.path("status").asString(), k -> new AtomicLong())
                .incrementAndGet();
    }

    /**
     * Waits until {@code frames} reached {@code expected}, or stopped growing for {@link #SETTLED} (frames shed
     * or lost are then reported, not waited for).
     */
    private static void awaitSettled(LongSupplier frames, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = frames.getAsLong();
            if (now >= expected) {
                return;
            }
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > SETTLED.toNanos()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    // ----- the services -----

    /** The workspace as workspace-service's member events leave presence-service's projection. */
    private void projection(JdbcTemplate jdbc) {
        jdbc.update(
                "insert into workspaces (workspace_id, member_count, deleted, updated_at) values (?, ?, false, now())",
                workspace,
                MEMBERS);
        jdbc.update("""
                insert into workspace_memberships (workspace_id, user_id, membership_id, revision, removed, updated_at)
                select ?, u, gen_random_uuid(), 1, false, now() from unnest(?::uuid[]) u""", workspace, members.toArray(UUID[]::new));
        jdbc.execute("analyze workspace_memberships");
    }

    private ServiceJvm startPresence(TestPostgres.Database database, int fanOutMaxMembers)
            throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(
                PresenceBench.environment(database, TestKafka.shared().bootstrapServers()));
        environment.put("PRESENCE_FAN_OUT_MAX_MEMBERS", Integer.toString(fanOutMaxMembers));
        // nobody turns AWAY during the run: every change measured is one of the PUTs
        environment.put("PRESENCE_AWAY_AFTER", "1h");
        return ServiceJvm.start("presence-service", RepoRoot.locate(), environment);
    }

    /** workspace-, channel- and dm-service as realtime-service's snapshot reads them: one workspace for all. */
    private HttpServer owningServices() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext(
                "/api/workspaces",
                exchange -> RealtimeBench.answer(
                        exchange, user -> "{\"items\":[{\"id\":\"" + workspace + "\"}],\"nextCursor\":null}"));
        server.createContext(
                "/api/channels/memberships",
                exchange -> RealtimeBench.answer(exchange, user -> "{\"items\":[],\"nextCursor\":null}"));
        server.createContext(
                "/api/dm/conversations",
                exchange -> RealtimeBench.answer(exchange, user -> "{\"items\":[],\"nextCursor\":null}"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static HikariDataSource dataSource(TestPostgres.Database database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    /** One socket of one user; hands every text frame to the counter. */
    private static final class Client extends BenchSocket {
        private final UUID user;
        private final Consumer<String> frames;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private volatile CompletableFuture<Void> acknowledged = new CompletableFuture<>();

        private Client(UUID user, Consumer<String> frames) {
            this.user = user;
            this.frames = frames;
        }

        static Client identified(BenchSockets webSockets, URI uri, UUID user, Consumer<String> frames)
                throws Exception {
            Client client = new Client(user, frames);
            webSockets.open(uri, client).get(60, TimeUnit.SECONDS);
            client.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + TestTokens.accessToken(user) + "\"}}")
                    .get(60, TimeUnit.SECONDS);
            client.ready.get(60, TimeUnit.SECONDS);
            return client;
        }

        void subscribe(Set<UUID> shown) {
            List<String> ids = shown.stream().map(UUID::toString).toList();
            String frame = JSON.writeValueAsString(Map.of("op", "PRESENCE_SUBSCRIBE", "d", Map.of("userIds", ids)));
            send(frame).join();
            acknowledged = new CompletableFuture<>();
            send("{\"op\":\"HEARTBEAT\",\"d\":{\"lastSeq\":null}}").join();
        }

        void awaitAcknowledged() throws Exception {
            acknowledged.get(60, TimeUnit.SECONDS);
        }

        @Override
        protected void frame(String frame, long arrivalNanos) {
            if (frame.startsWith("{\"op\":\"READY\"")) {
                ready.complete(null);
            } else if (frame.startsWith("{\"op\":\"HEARTBEAT_ACK\"")) {
                acknowledged.complete(null);
            } else {
                frames.accept(frame);
            }
        }

        @Override
        protected void ended(String why, Throwable cause) {
            ready.completeExceptionally(cause);
            acknowledged.completeExceptionally(cause);
        }
    }
}
