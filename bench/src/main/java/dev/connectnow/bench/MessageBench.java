package dev.connectnow.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.testkit.TestKafka;
import dev.connectnow.testkit.TestPostgres;
import dev.connectnow.testkit.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * message-service on real PostgreSQL and Kafka, as its own JVM with production flags (G1, full JIT):
 * <ol>
 *   <li>timeline pages of a channel holding 1e5, then 1e6 messages: the head page and a page 1e5 messages
 *   deep, keyset (the service's query, and the API) against a naive OFFSET query — deep ÷ head;</li>
 *   <li>posts/s through the service's API (closed loop, several clients) ÷ single-row INSERT transactions of
 *   the same row shape on the same PostgreSQL (the baseline), in alternating rounds, with the service's
 *   CPU time per post.</li>
 * </ol>
 */
final class MessageBench {

    private static final int PAGE = 50;
    private static final int DEEP = 100_000;

    private final int posts;
    private final int clients;
    private final boolean timelines;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param timelines false to measure posting only (the 1e6 fill takes a while) */
    MessageBench(int posts, int clients, boolean timelines) {
        this.posts = posts;
        this.clients = clients;
        this.timelines = timelines;
    }

    void run() throws Exception {
        TestPostgres.Database database = TestPostgres.shared().createDatabase();
        try (ServiceJvm service = ServiceJvm.start("message-service", RepoRoot.locate(), environment(database));
                HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(database.jdbcUrl());
            dataSource.setUsername(database.username());
            dataSource.setPassword(database.password());
            dataSource.setMaximumPoolSize(clients + 2);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            String base = service.url();
            System.out.printf(
                    "message benchmark: %d cores, service JVM %s, PostgreSQL %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    ServiceJvm.describeJvms(),
                    database.jdbcUrl().replaceAll("\\?.*", ""));

            UUID author = UUID.randomUUID();
            UUID workspace = UUID.randomUUID();
            UUID bigChannel = channel(jdbc, workspace, author);
            String token = TestTokens.accessToken(author);

            if (timelines) {
                fill(jdbc, bigChannel, author, 0, 100_000);
                timeline(jdbc, base, token, bigChannel, 100_000);
                fill(jdbc, bigChannel, author, 100_000, 1_000_000);
                timeline(jdbc, base, token, bigChannel, 1_000_000);
            }

            posting(jdbc, base, service, workspace);
        }
    }

    // ----- timeline -----

    private void timeline(JdbcTemplate jdbc, String base, String token, UUID channel, int size) throws Exception {
        // the page that starts DEEP messages below the newest (for a channel of exactly DEEP: its oldest page)
        int depth = Math.min(DEEP, size - PAGE);
        long deepSeq = size - depth + 1;
        String keyset = "select * from messages where channel_id = ? and parent_id is null and seq < ? "
                + "order by seq desc limit " + (PAGE + 1);
        String offset = "select * from messages where channel_id = ? and parent_id is null "
                + "order by seq desc offset ? limit " + PAGE;
        Histogram keysetHead = sql(jdbc, keyset, channel, Long.MAX_VALUE);
        Histogram keysetDeep = sql(jdbc, keyset, channel, deepSeq);
        Histogram offsetHead = sql(jdbc, offset, channel, 0L);
        Histogram offsetDeep = sql(jdbc, offset, channel, (long) depth);
        String path = "/api/channels/" + channel + "/messages?limit=" + PAGE;
        String cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Long.toString(deepSeq).getBytes(StandardCharsets.UTF_8));
        Histogram apiHead = api(base, token, path);
        Histogram apiDeep = api(base, token, path + "&cursor=" + cursor);
        System.out.printf("timeline, %,d messages in the channel, page of %d, %,d deep:%n", size, PAGE, depth);
        row("keyset SQL", keysetHead, keysetDeep);
        row("OFFSET SQL", offsetHead, offsetDeep);
        row("keyset API", apiHead, apiDeep);
    }

    private static void row(String label, Histogram head, Histogram deep) {
        System.out.printf(
                "  %-11s head p50 %6.2f ms  deep p50 %7.2f ms  deep ÷ head %5.2f  (p99 %.2f / %.2f ms)%n",
                label,
                head.getValueAtPercentile(50) / 1e3,
                deep.getValueAtPercentile(50) / 1e3,
                (double) deep.getValueAtPercentile(50) / head.getValueAtPercentile(50),
                head.getValueAtPercentile(99) / 1e3,
                deep.getValueAtPercentile(99) / 1e3);
    }

    private static Histogram sql(JdbcTemplate jdbc, String query, UUID channel, long parameter) {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < 40; i++) { // warm-up: plans cached, pages in shared buffers
            jdbc.queryForList(query, channel, parameter);
        }
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            jdbc.queryForList(query, channel, parameter);
            micros.recordValue((System.nanoTime() - start) / 1000);
        }
        return micros;
    }

    private Histogram api(String base, String token, String path) throws Exception {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < 200; i++) {
            send(base, token, path, null);
        }
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = send(base, token, path, null);
            micros.recordValue((System.nanoTime() - start) / 1000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("timeline answered " + response.statusCode());
            }
        }
        return micros;
    }

    // ----- posting -----

    private void posting(JdbcTemplate jdbc, String base, ServiceJvm service, UUID workspace) throws Exception {
        List<String> tokens = new ArrayList<>();
        List<UUID> channels = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            UUID author = UUID.randomUUID();
            // like a real client, each holds one access token for its session (minting RS256 per request would
            // measure the bench's signing on the shared cores)
            tokens.add(TestTokens.accessToken(author));
            channels.add(channel(jdbc, workspace, author));
        }
        jdbc.execute("create table baseline_messages (like messages including defaults)");
        String content = "x".repeat(120);
        int rounds = 3;
        long apiPosts = 0;
        long apiNanos = 0;
        long apiCpu = 0;
        long insertRows = 0;
        long insertNanos = 0;
        long floorCalls = 0;
        long floorNanos = 0;
        // warm-up long enough for C2 to compile the posting path of both sides
        closedLoop(Math.max(2_000, posts), i -> post(base, tokens, channels, i, content));
        closedLoop(Math.max(2_000, posts), i -> insert(jdbc, channels, i, content));
        closedLoop(Math.max(2_000, posts), i -> lookUpMissing(base, tokens, i));
        for (int round = 0; round < rounds; round++) {
            long cpuBefore = service.cpuNanos();
            long start = System.nanoTime();
            closedLoop(posts / rounds, i -> post(base, tokens, channels, i, content));
            apiNanos += System.nanoTime() - start;
            apiCpu += service.cpuNanos() - cpuBefore;
            apiPosts += posts / rounds;
            start = System.nanoTime();
            closedLoop(posts / rounds, i -> insert(jdbc, channels, i, content));
            insertNanos += System.nanoTime() - start;
            insertRows += posts / rounds;
            start = System.nanoTime();
            closedLoop(posts / rounds, i -> lookUpMissing(base, tokens, i));
            floorNanos += System.nanoTime() - start;
            floorCalls += posts / rounds;
        }
        double postsPerSecond = apiPosts / (apiNanos / 1e9);
        double insertsPerSecond = insertRows / (insertNanos / 1e9);
        System.out.printf("posting, %d clients, closed loop, %d rounds of %d each:%n", clients, rounds, posts / rounds);
        System.out.printf("  baseline INSERT (same row shape, one per transaction): %,.0f rows/s%n", insertsPerSecond);
        System.out.printf(
                "  POST /api/channels/{id}/messages (outbox event included): %,.0f posts/s, %.0f µs service CPU per post%n",
                postsPerSecond, apiCpu / 1e3 / apiPosts);
        System.out.printf("  posts/s ÷ inserts/s: %.2f%n", postsPerSecond / insertsPerSecond);
        double floorPerSecond = floorCalls / (floorNanos / 1e9);
        System.out.printf(
                "  floor: GET /api/messages/{unknown id} (token check, one primary-key read, 404): %,.0f calls/s"
                        + " = %.2f of inserts/s%n",
                floorPerSecond, floorPerSecond / insertsPerSecond);
    }

    private void post(String base, List<String> tokens, List<UUID> channels, int i, String content) {
        int client = i % tokens.size();
        HttpResponse<String> response = send(
                base,
                tokens.get(client),
                "/api/channels/" + channels.get(client) + "/messages",
                "{\"content\":\"" + content + " " + i + "\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("post answered " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * The cheapest authenticated call of the service — the same HTTP, token and security path as a post, one
     * primary-key read, a 404 problem — so the report shows what any request costs before posting starts.
     */
    private void lookUpMissing(String base, List<String> tokens, int i) {
        HttpResponse<String> response =
                send(base, tokens.get(i % tokens.size()), "/api/messages/" + UUID.randomUUID(), null);
        if (response.statusCode() != 404) {
            throw new IllegalStateException("lookup answered " + response.statusCode() + " " + response.body());
        }
    }

    private static void insert(JdbcTemplate jdbc, List<UUID> channels, int i, String content) {
        jdbc.update(
                """
                insert into baseline_messages (id, channel_id, user_id, content, type, seq, created_at, updated_at)
                values (?, ?, ?, ?, 'TEXT', ?, now(), now())""", UUID.randomUUID(), channels.get(i % channels.size()), UUID.randomUUID(), content + " " + i, (long)
                        i);
    }

    private interface Operation {
        void run(int index) throws Exception;
    }

    private void closedLoop(int total, Operation operation) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        operation.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    // ----- set-up -----

    /** A public channel whose author is a workspace and channel member, written into the projections. */
    private static UUID channel(JdbcTemplate jdbc, UUID workspace, UUID author) {
        UUID channel = UUID.randomUUID();
        jdbc.update("""
                insert into workspace_memberships (workspace_id, user_id, membership_id, revision, role, updated_at)
                values (?, ?, ?, 1, 'MEMBER', now()) on conflict do nothing""", workspace, author, UUID.randomUUID());
        jdbc.update(
                "insert into channels (id, workspace_id, name, is_private, updated_at) values (?, ?, 'bench', false, now())",
                channel,
                workspace);
        jdbc.update("insert into channel_members (channel_id, user_id, role) values (?, ?, 'MEMBER')", channel, author);
        return channel;
    }

    private static void fill(JdbcTemplate jdbc, UUID channel, UUID author, int from, int to) {
        long start = System.nanoTime();
        for (int batchStart = from; batchStart < to; batchStart += 100_000) {
            jdbc.update("""
                    insert into messages (id, channel_id, user_id, content, type, seq, created_at, updated_at)
                    select gen_random_uuid(), ?, ?, 'message number ' || g, 'TEXT', g, now(), now()
                    from generate_series(?::bigint, ?::bigint) g""", channel, author, batchStart + 1, Math.min(to, batchStart + 100_000));
        }
        jdbc.update("update channels set last_seq = ? where id = ?", to, channel);
        jdbc.execute("vacuum analyze messages");
        System.out.printf("(filled to %,d messages in %.1f s)%n", to, (System.nanoTime() - start) / 1e9);
    }

    private Map<String, String> environment(TestPostgres.Database database) throws IOException {
        return Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", database.username(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", TestKafka.shared().bootstrapServers(),
                "CONNECTNOW_SECURITY_JWK_SET_URI", TestTokens.shared().jwkSetUri(),
                "EUREKA_CLIENT_ENABLED", "false",
                "MESSAGE_POST_RATE_PER_SECOND", "1000000",
                "MESSAGE_POST_BURST", "1000000",
                "ATTACHMENT_STORAGE_DIRECTORY",
                        Files.createTempDirectory("bench-attachments").toString(),
                "DB_POOL_SIZE", Integer.toString(clients + 2));
    }

    private HttpResponse<String> send(String base, String token, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
