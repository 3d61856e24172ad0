package dev.connectnow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.connectnow.gateway.support.FakeService;
import dev.connectnow.gateway.support.GatewayTestClient;
import dev.connectnow.gateway.support.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway over real HTTP against fake downstream services registered with the simple
 * discovery client: routing, edge authentication, resilience, limits, forwarding headers,
 * CORS, WebSocket proxying, observability.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "resilience4j.timelimiter.configs.default.timeout-duration=1500ms",
            "resilience4j.timelimiter.instances.message-service-channel-messages.timeout-duration=20s",
            "connectnow.gateway.rate-limit.requests-per-second=1000",
            "connectnow.gateway.rate-limit.burst=1000"
        })
@ExtendWith(OutputCaptureExtension.class)
@Import(GatewayIntegrationTest.UpstreamFlushes.class)
class GatewayIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final FakeService AUTH = new FakeService("auth-service").serve("/.well-known/jwks.json", TestTokens::jwks);

    static final FakeService WORKSPACE = new FakeService("workspace-service");

    static final FakeService CHANNEL = new FakeService("channel-service");

    static final FakeService MESSAGE = new FakeService("message-service");

    static final DisposableServer REALTIME = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.ws(
                    "/ws", (in, out) -> out.sendString(in.receive().asString().map(text -> "echo:" + text))))
            .bindNow();

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("connectnow.security.jwk-set-uri", () -> AUTH.uri() + "/.well-known/jwks.json");
        String prefix = "spring.cloud.discovery.client.simple.instances.";
        registry.add(prefix + "auth-service[0].uri", AUTH::uri);
        registry.add(prefix + "workspace-service[0].uri", WORKSPACE::uri);
        registry.add(prefix + "channel-service[0].uri", CHANNEL::uri);
        registry.add(prefix + "message-service[0].uri", MESSAGE::uri);
        registry.add(prefix + "realtime-service[0].uri", () -> "http://127.0.0.1:" + REALTIME.port());
    }

    @AfterAll
    static void stopDownstreams() {
        Stream.of(AUTH, WORKSPACE, CHANNEL, MESSAGE).forEach(FakeService::close);
        REALTIME.disposeNow();
    }

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    TimeLimiterRegistry timeLimiters;

    @Autowired
    List<HttpHeadersFilter> headersFilters;

    WebTestClient http;

    final UUID alice = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        http = GatewayTestClient.to(port);
        Stream.of(AUTH, WORKSPACE, CHANNEL, MESSAGE).forEach(FakeService::reset);
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void requestWithoutTokenGets401ProblemDetailAndIsNotForwarded() {
        EntityExchangeResult<byte[]> result = http.get()
                .uri("/api/workspaces?limit=5")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .returnResult();
        JsonNode problem = json(result);
        assertThat(problem.path("type").asString()).isEqualTo("about:blank");
        assertThat(problem.path("title").asString()).isEqualTo("Unauthorized");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).isEqualTo("/api/workspaces");
        assertThat(WORKSPACE.seen()).isEmpty();
    }

    static Stream<Arguments> invalidTokens() {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of(
                        "alg=none", TestTokens.unsigned(TestTokens.claims(user).build())),
                Arguments.of(
                        "alg=none with the real kid",
                        TestTokens.unsignedWithKid(TestTokens.claims(user).build())),
                Arguments.of(
                        "HS256 signed with the public key",
                        TestTokens.hmacWithPublicKey(TestTokens.claims(user).build())),
                Arguments.of("tampered payload", TestTokens.tampered(user)),
                Arguments.of(
                        "expired beyond the clock skew",
                        TestTokens.sign(TestTokens.claims(user)
                                .issueTime(Date.from(now.minusSeconds(20 * 60)))
                                .expirationTime(Date.from(now.minusSeconds(31 + 10)))
                                .build())),
                Arguments.of(
                        "wrong issuer",
                        TestTokens.sign(TestTokens.claims(user).issuer("evil").build())),
                Arguments.of(
                        "wrong audience",
                        TestTokens.sign(
                                TestTokens.claims(user).audience("other-app").build())),
                Arguments.of(
                        "no session id",
                        TestTokens.sign(
                                TestTokens.claims(user).claim("sid", null).build())),
                Arguments.of(
                        "subject is not a user id",
                        TestTokens.sign(TestTokens.claims(user).subject("admin").build())),
                Arguments.of(
                        "no expiry",
                        TestTokens.sign(
                                TestTokens.claims(user).expirationTime(null).build())),
                Arguments.of(
                        "issued in the future",
                        TestTokens.sign(TestTokens.claims(user)
                                .issueTime(Date.from(now.plusSeconds(600)))
                                .build())),
                Arguments.of(
                        "attacker key embedded as jwk header",
                        TestTokens.embeddedJwk(TestTokens.claims(user).build())),
                Arguments.of(
                        "attacker key set as jku header",
                        TestTokens.foreignJku(
                                TestTokens.claims(user).build(), URI.create("http://127.0.0.1:1/jwks.json"))),
                Arguments.of(
                        "RS512 instead of RS256",
                        TestTokens.sign(
                                TestTokens.KEY,
                                new JWSHeader.Builder(JWSAlgorithm.RS512)
                                        .keyID(TestTokens.KEY.getKeyID())
                                        .build(),
                                TestTokens.claims(user).build())),
                Arguments.of("opaque refresh token", "rt_" + UUID.randomUUID()),
                Arguments.of("garbage", "not.a.jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void invalidTokenGets401(String variant, String token) {
        EntityExchangeResult<byte[]> result = http.get()
                .uri("/api/workspaces")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .returnResult();
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .contains("invalid_token");
        assertThat(json(result).path("status").asInt()).isEqualTo(401);
        assertThat(WORKSPACE.seen()).as(variant).isEmpty();
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsStillAccepted() {
        Instant now = Instant.now();
        String token = TestTokens.sign(TestTokens.claims(alice)
                .issueTime(Date.from(now.minusSeconds(900)))
                .expirationTime(Date.from(now.minusSeconds(10)))
                .build());
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void validTokenIsForwardedWithTheAuthorizationHeaderIntact() {
        String token = TestTokens.valid(alice);
        http.get()
                .uri("/api/workspaces?limit=10")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("workspace-service");
        FakeService.Seen seen = WORKSPACE.seen("GET", "/api/workspaces").get(0);
        assertThat(seen.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(seen.query()).isEqualTo("limit=10");
    }

    @Test
    void unknownKeyIdsDoNotHammerTheKeyServer() {
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isOk();
        long fetchesBefore = AUTH.count("GET", "/.well-known/jwks.json");
        for (int i = 0; i < 5; i++) {
            String forged = TestTokens.sign(
                    TestTokens.ATTACKER,
                    TestTokens.header("kid-" + i).build(),
                    TestTokens.claims(alice).build());
            http.get()
                    .uri("/api/workspaces")
                    .headers(h -> h.setBearerAuth(forged))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        assertThat(AUTH.count("GET", "/.well-known/jwks.json") - fetchesBefore).isLessThanOrEqualTo(1);
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isOk();
    }

    // ---------------------------------------------------------------- public endpoints

    @Test
    void registerLoginRefreshAndJwksArePublicAndForwarded() {
        for (String path : List.of("/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/token")) {
            http.post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"login\":\"alice\"}")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.service")
                    .isEqualTo("auth-service");
            assertThat(AUTH.count("POST", path)).as(path).isEqualTo(1);
        }
        http.get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.keys[0].kid")
                .isEqualTo(TestTokens.KEY.getKeyID());
    }

    @Test
    void publicEndpointIgnoresAStaleAccessTokenButRelaysIt() {
        Instant now = Instant.now();
        String expired = TestTokens.sign(TestTokens.claims(alice)
                .issueTime(Date.from(now.minusSeconds(3600)))
                .expirationTime(Date.from(now.minusSeconds(1800)))
                .build());
        http.post()
                .uri("/api/auth/refresh")
                .headers(h -> h.setBearerAuth(expired))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refreshToken\":\"rt\"}")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(AUTH.seen("POST", "/api/auth/refresh").get(0).header(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer " + expired);
    }

    @Test
    void otherAuthEndpointsNeedAToken() {
        http.post().uri("/api/auth/logout").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/auth/sessions").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/auth/register").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/users/me").exchange().expectStatus().isUnauthorized();
        assertThat(AUTH.seen()).isEmpty();
    }

    @Test
    void healthProbesAndInfoArePublicButMetricsAreNot() {
        http.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/livez").exchange().expectStatus().isOk();
        http.get().uri("/readyz").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/info").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void prometheusExposesGatewayMetricsToAuthenticatedCallers() {
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isOk();
        String metrics = http.get()
                .uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("spring_cloud_gateway_requests_seconds_count")
                .contains("routeId=\"workspace-service\"")
                .contains("resilience4j_circuitbreaker_state");
    }

    @Test
    void swaggerUiListsEveryServiceAndProxiesTheirDocuments() {
        String config = http.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        for (String service : List.of(
                "auth-service",
                "workspace-service",
                "channel-service",
                "message-service",
                "dm-service",
                "presence-service")) {
            assertThat(config).contains("/v3/api-docs/" + service);
        }
        http.get()
                .uri("/v3/api-docs/message-service")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("message-service");
        assertThat(MESSAGE.count("GET", "/v3/api-docs")).isEqualTo(1);
        http.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(200, 301, 302, 307, 308));
        http.get()
                .uri("/webjars/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk();
    }

    // ---------------------------------------------------------------- routing

    static Stream<Arguments> routes() {
        String w = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String m = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("GET", "/api/auth/sessions", "auth-service"),
                Arguments.of("GET", "/api/users/me", "auth-service"),
                Arguments.of("GET", "/api/users/" + w, "auth-service"),
                Arguments.of("POST", "/api/admin/users/" + w + "/ban", "auth-service"),
                Arguments.of("GET", "/api/workspaces", "workspace-service"),
                Arguments.of("POST", "/api/workspaces/join", "workspace-service"),
                Arguments.of("GET", "/api/workspaces/" + w, "workspace-service"),
                Arguments.of("GET", "/api/workspaces/" + w + "/members", "workspace-service"),
                Arguments.of("POST", "/api/workspaces/" + w + "/invite-code", "workspace-service"),
                Arguments.of("GET", "/api/workspaces/" + w + "/channels", "channel-service"),
                Arguments.of("POST", "/api/workspaces/" + w + "/channels", "channel-service"),
                Arguments.of("PUT", "/api/workspaces/" + w + "/channels/order", "channel-service"),
                Arguments.of("GET", "/api/workspaces/" + w + "/unread", "channel-service"),
                Arguments.of("GET", "/api/channels/" + c, "channel-service"),
                Arguments.of("POST", "/api/channels/" + c + "/archive", "channel-service"),
                Arguments.of("GET", "/api/channels/" + c + "/members", "channel-service"),
                Arguments.of("PUT", "/api/channels/" + c + "/read", "channel-service"),
                Arguments.of("GET", "/api/channels/" + c + "/messages", "message-service"),
                Arguments.of("POST", "/api/channels/" + c + "/messages", "message-service"),
                Arguments.of("GET", "/api/channels/" + c + "/pins", "message-service"),
                Arguments.of("GET", "/api/messages/" + m, "message-service"),
                Arguments.of("GET", "/api/messages/" + m + "/replies", "message-service"),
                Arguments.of("PUT", "/api/messages/" + m + "/reactions/%F0%9F%91%8D", "message-service"),
                Arguments.of("POST", "/api/attachments", "message-service"),
                Arguments.of("GET", "/api/attachments/" + m + "/content", "message-service"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("routes")
    void routesFollowTheApiContract(String method, String path, String service) {
        http.method(HttpMethod.valueOf(method))
                .uri(URI.create("http://localhost:" + port + path))
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo(service)
                .jsonPath("$.path")
                .isEqualTo(path);
    }

    @Test
    void unknownPathWithValidTokenIs404ProblemDetail() {
        http.get()
                .uri("/api/nothing-here")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404);
    }

    @Test
    void downstreamClientErrorsPassThroughUnchanged() {
        String path = "/api/workspaces/" + UUID.randomUUID();
        WORKSPACE.script(
                path,
                new FakeService.Behaviour(
                        404,
                        0,
                        "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such workspace\"}"));
        http.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no such workspace");
        assertThat(WORKSPACE.count("GET", path)).isEqualTo(1);
    }

    @Test
    void downstreamSecurityAndCacheHeadersAreNotDuplicatedOrOverwritten() {
        String path = "/api/attachments/" + UUID.randomUUID() + "/content";
        MESSAGE.script(
                path,
                new FakeService.Behaviour(
                        200,
                        0,
                        "image/png",
                        "png-bytes",
                        Map.of("Cache-Control", "private, max-age=3600", "X-Content-Type-Options", "nosniff")));
        http.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .contentType("image/png");
    }

    @Test
    void aPostsHeadersAndBodyLeaveForTheServiceInOneWrite() {
        String body = "{\"name\":\"one write\"}";
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH)) {
            UpstreamFlushes.SENT.clear();
            http.method(method)
                    .uri("/api/workspaces/w1")
                    .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(UpstreamFlushes.SENT)
                    .as("what each flush of the gateway's connection to the service sent, for a %s", method)
                    .filteredOn(sent -> sent.startsWith(method.name() + " /api/workspaces/w1 "))
                    .singleElement()
                    .satisfies(sent -> assertThat(sent).endsWith("\r\n\r\n" + body));
            assertThat(WORKSPACE.seen(method.name(), "/api/workspaces/w1"))
                    .singleElement()
                    .extracting(FakeService.Seen::bodyBytes)
                    .isEqualTo((long) body.length());
        }
    }

    /** Records what each flush of a connection from the gateway to a service sends, as the socket gets it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class UpstreamFlushes {

        static final List<String> SENT = new CopyOnWriteArrayList<>();

        @Bean
        HttpClientCustomizer recordUpstreamFlushes() {
            return client -> client.doOnChannelInit((observer, channel, address) -> channel.pipeline()
                    .addFirst(new ChannelOutboundHandlerAdapter() {
                        private final StringBuilder written = new StringBuilder();

                        @Override
                        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                            if (msg instanceof ByteBuf bytes) {
                                written.append(bytes.toString(StandardCharsets.ISO_8859_1));
                            }
                            ctx.write(msg, promise);
                        }

                        @Override
                        public void flush(ChannelHandlerContext ctx) {
                            if (!written.isEmpty()) {
                                SENT.add(written.toString());
                                written.setLength(0);
                            }
                            ctx.flush();
                        }
                    }));
        }
    }

    // ---------------------------------------------------------------- resilience

    @Test
    void theProxysHeaderFiltersAreTheOnesThePlatformNeedsAndNoGrpcOnes() {
        // each header filter copies every proxied request's or answer's headers
        assertThat(headersFilters)
                .extracting(filter -> filter.getClass().getSimpleName())
                .contains("RemoveHopByHopHeadersFilter", "ForwardedForHeadersFilter")
                .noneMatch(name -> name.startsWith("GRPC"));
    }

    @Test
    void attachmentsHaveALongerTimeLimitThanOtherRoutes() {
        assertThat(timeLimiters.find("message-service-attachments"))
                .hasValueSatisfying(
                        limiter -> assertThat(limiter.getTimeLimiterConfig().getTimeoutDuration())
                                .isEqualTo(Duration.ofSeconds(60)));
        assertThat(timeLimiters.getDefaultConfig().getTimeoutDuration()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void manyConcurrentRequestsOnOneRouteAreNotCappedByABulkhead() {
        String path = "/api/channels/" + UUID.randomUUID() + "/messages";
        MESSAGE.script(path, new FakeService.Behaviour(200, 300, null, null));
        String token = TestTokens.valid(alice);
        ConnectionProvider connections = ConnectionProvider.builder("concurrency-test")
                .maxConnections(64)
                .build();
        try {
            WebClient client = clientThrough(connections);
            List<Integer> statuses = Flux.range(0, 40)
                    .flatMap(i -> get(client, path, token), 40)
                    .collectList()
                    .block(Duration.ofSeconds(30));
            assertThat(statuses).hasSize(40).containsOnly(200);
        } finally {
            connections.disposeLater().block();
        }
    }

    @Test
    void oneRequestAtATimeIsCarriedByTheUpstreamConnectionUsedLast() {
        String token = TestTokens.valid(alice);
        ConnectionProvider connections =
                ConnectionProvider.builder("reuse-test").maxConnections(8).build();
        try {
            WebClient client = clientThrough(connections);
            // three requests at once: the gateway's pool holds at least three connections to the service
            String slow = "/api/channels/" + UUID.randomUUID() + "/messages";
            MESSAGE.script(slow, new FakeService.Behaviour(200, 300, null, null));
            Flux.range(0, 3)
                    .flatMap(i -> get(client, slow, token), 3)
                    .collectList()
                    .block(Duration.ofSeconds(30));
            assertThat(MESSAGE.seen("GET", slow))
                    .extracting(FakeService.Seen::clientPort)
                    .doesNotHaveDuplicates();

            // then one at a time: each takes the connection released last (LIFO), so a quiet service gets its
            // requests on one warm connection instead of on every pooled one in turn
            String quiet = "/api/channels/" + UUID.randomUUID() + "/messages";
            for (int i = 0; i < 6; i++) {
                assertThat(get(client, quiet, token).block(Duration.ofSeconds(10)))
                        .isEqualTo(200);
            }
            assertThat(MESSAGE.seen("GET", quiet))
                    .hasSize(6)
                    .extracting(FakeService.Seen::clientPort)
                    .containsOnly(MESSAGE.seen("GET", quiet).get(0).clientPort());
        } finally {
            connections.disposeLater().block();
        }
    }

    /** A client of the gateway with connections of its own, so that it can hold many requests at once. */
    private WebClient clientThrough(ConnectionProvider connections) {
        return WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .clientConnector(
                        new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.create(connections)))
                .build();
    }

    private static Mono<Integer> get(WebClient client, String path, String token) {
        return client.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()));
    }

    // ---------------------------------------------------------------- limits

    @Test
    void oversizedBodyWithContentLengthIs413AndNotForwarded() {
        byte[] body = new byte[1024 * 1024 + 1];
        http.post()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(413)
                .jsonPath("$.detail")
                .isEqualTo("The request body exceeds the limit of 1 MB.");
        assertThat(WORKSPACE.seen()).isEmpty();
    }

    @Test
    void oversizedChunkedBodyIs413AndNotForwarded() {
        http.post()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks(40, 64 * 1024), DataBuffer.class) // 2.5 MB, no Content-Length
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(413);
        assertThat(WORKSPACE.seen()).isEmpty();
    }

    @Test
    void bodyUnderTheLimitIsForwardedWhole() {
        http.post()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks(8, 64 * 1024), DataBuffer.class) // 512 KB chunked
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.bodyBytes")
                .isEqualTo(8 * 64 * 1024);
    }

    @Test
    void attachmentRouteAcceptsLargerUploads() {
        byte[] body = new byte[3 * 1024 * 1024];
        http.post()
                .uri("/api/attachments")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.bodyBytes")
                .isEqualTo(body.length);
        http.post()
                .uri("/api/attachments")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[26 * 1024 * 1024 + 1])
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    // ---------------------------------------------------------------- forwarding headers

    @Test
    void xForwardedForEndsWithThePeerAddressEvenWhenSpoofed() throws Exception {
        http.post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", "203.0.113.7, 198.51.100.1")
                .header("Forwarded", "for=203.0.113.7")
                .header("X-Real-IP", "203.0.113.7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk();
        FakeService.Seen seen = AUTH.seen("POST", "/api/auth/login").get(0);
        String xff = String.join(",", seen.headers().get("X-Forwarded-For"));
        String[] entries = xff.split(",");
        String last = entries[entries.length - 1].trim();
        assertThat(InetAddress.getByName(last).isLoopbackAddress()).as(xff).isTrue();
        assertThat(xff).doesNotContain("203.0.113.7").doesNotContain("198.51.100.1");
        assertThat(seen.header("Forwarded")).isNull();
        assertThat(seen.header("X-Real-IP")).isNull();
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.header("X-Forwarded-Host")).isEqualTo("localhost:" + port);
    }

    @Test
    void theServiceIsToldWhenTheTimeLimitStartsAndEndsAndNeverWhatAClientClaims() {
        Duration timeLimit = timeLimiters.getDefaultConfig().getTimeoutDuration();
        long before = System.currentTimeMillis();
        http.post()
                .uri("/api/auth/login")
                .header("x-request-deadline", "1") // a client's past deadline would get its own request refused 503
                .header("x-request-start", "t=1") // and its own start would count as hours in the service's queue
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk();
        long after = System.currentTimeMillis();
        FakeService.Seen seen = AUTH.seen("POST", "/api/auth/login").get(0);
        assertThat(seen.headers().get("X-Request-Deadline"))
                .singleElement()
                .satisfies(deadline -> assertThat(Long.parseLong(deadline))
                        .isBetween(before + timeLimit.toMillis(), after + timeLimit.toMillis()));
        assertThat(seen.headers().get("X-Request-Start"))
                .singleElement()
                .satisfies(start -> assertThat(Long.parseLong(start.substring("t=".length())))
                        .isBetween(before * 1000, (after + 1) * 1000));
    }

    // ---------------------------------------------------------------- CORS

    @Test
    void preflightFromAnAllowedOriginGetsCorsHeaders() {
        http.options()
                .uri("/api/workspaces")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("POST"))
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase())
                                .contains("authorization")
                                .contains("content-type"));
        assertThat(WORKSPACE.seen()).isEmpty();
    }

    @Test
    void preflightFromAForeignOriginGetsNoCorsHeaders() {
        http.options()
                .uri("/api/workspaces")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.get()
                .uri("/api/workspaces")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        assertThat(WORKSPACE.seen()).isEmpty();
    }

    @Test
    void corsHeadersComeFromTheGatewayAloneOnceEach() {
        String path = "/api/workspaces/" + UUID.randomUUID();
        WORKSPACE.script(
                path,
                new FakeService.Behaviour(
                        200,
                        0,
                        "application/json",
                        "{}",
                        Map.of(
                                "Access-Control-Allow-Credentials", "true",
                                "Access-Control-Expose-Headers", "X-Internal",
                                "Vary", "Origin, Accept-Encoding")));

        // without Origin the gateway adds no CORS header, and the service's (FakeService also adds ACAO "*") must not
        // stand in for it
        http.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS)
                .expectHeader()
                .values(
                        HttpHeaders.VARY,
                        vary -> assertThat(varyEntries(String.join(",", vary)))
                                .containsOnlyOnce("Origin", "Accept-Encoding"));

        // from an allowed origin: the gateway's CORS headers, once each (Retry-After exposed), and none of the
        // service's
        http.get()
                .uri(path)
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .headers(h -> h.setBearerAuth(TestTokens.valid(alice)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valuesMatch(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)
                .expectHeader()
                .values(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(String.join(",", exposed))
                                .contains("Retry-After")
                                .doesNotContain("X-Internal"))
                .expectHeader()
                .values(
                        HttpHeaders.VARY,
                        vary -> assertThat(varyEntries(String.join(",", vary)))
                                .containsOnlyOnce(
                                        "Origin",
                                        "Access-Control-Request-Method",
                                        "Access-Control-Request-Headers",
                                        "Accept-Encoding"));
    }

    private static List<String> varyEntries(String vary) {
        return Arrays.stream(vary.split(",")).map(String::trim).toList();
    }

    // ---------------------------------------------------------------- WebSocket

    @Test
    void webSocketIsProxiedWithoutATokenAndOutlivesTheTimeLimiter() {
        List<String> received = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws"), session -> {
                    Mono<Void> send = session.send(Flux.concat(
                                    Mono.just("hello"),
                                    Mono.delay(Duration.ofMillis(2000)).thenReturn("still-there"))
                            .map(session::textMessage));
                    Mono<Void> receive = session.receive()
                            .map(WebSocketMessage::getPayloadAsText)
                            .doOnNext(received::add)
                            .take(2)
                            .then();
                    return Mono.when(send, receive);
                })
                .block(Duration.ofSeconds(15));
        assertThat(received).containsExactly("echo:hello", "echo:still-there");
    }

    @Test
    void oversizedWebSocketFrameClosesTheSocketWith1009AndIsNoServerError(CapturedOutput output) {
        AtomicReference<CloseStatus> closed = new AtomicReference<>();
        new ReactorNettyWebSocketClient()
                .execute(
                        URI.create("ws://localhost:" + port + "/ws"),
                        session -> session.send(Mono.just(session.textMessage("x".repeat(70 * 1024))))
                                .thenMany(session.receive())
                                .then(session.closeStatus().doOnNext(closed::set))
                                .then())
                .block(Duration.ofSeconds(15));
        assertThat(closed.get()).isNotNull();
        assertThat(closed.get().getCode()).isEqualTo(1009);
        // the server's log of the violation may follow the close frame: watched for a while
        Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(output.getAll())
                        .as("a client's frame is the client's error")
                        .doesNotContain("CorruptedWebSocketFrameException")
                        .doesNotContain("onUncaughtException"));
    }

    @Test
    void webSocketFromAForeignOriginIsRejected() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ORIGIN, "https://evil.example");
        assertThatThrownBy(() -> new ReactorNettyWebSocketClient()
                        .execute(URI.create("ws://localhost:" + port + "/ws"), headers, session -> session.close())
                        .block(Duration.ofSeconds(10)))
                .hasMessageContaining("403");
    }

    // ---------------------------------------------------------------- access log

    @Test
    void accessLogHasOneStructuredLinePerRequestWithoutSecrets(CapturedOutput output) {
        String token = TestTokens.valid(alice);
        http.get()
                .uri("/api/workspaces?limit=5&token=s3cr3t-value")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        JsonNode line = Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> output.getOut()
                                .lines()
                                .filter(l -> l.startsWith("{")
                                        && l.contains("dev.connectnow.gateway.access")
                                        && l.contains("limit=5"))
                                .map(l -> JSON.readTree(l))
                                .findFirst(),
                        Optional::isPresent)
                .get();
        assertThat(line.at("/http/request/method").asString()).isEqualTo("GET");
        assertThat(line.at("/url/path").asString()).isEqualTo("/api/workspaces");
        assertThat(line.at("/url/query").asString()).isEqualTo("limit=5&token=***");
        assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(line.at("/user/id").asString()).isEqualTo(alice.toString());
        assertThat(line.at("/route/id").asString()).isEqualTo("workspace-service");
        assertThat(line.at("/client/ip").asString()).isNotBlank();
        assertThat(line.at("/event/duration_ms").isNumber()).isTrue();
        assertThat(line.at("/message").asString()).startsWith("GET /api/workspaces 200 ");
        assertThat(output.getAll()).doesNotContain(token).doesNotContain("s3cr3t-value");
    }

    // ---------------------------------------------------------------- helpers

    private static Flux<DataBuffer> chunks(int count, int size) {
        byte[] chunk = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
        return Flux.range(0, count).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()));
    }

    private static JsonNode json(EntityExchangeResult<byte[]> result) {
        return JSON.readTree(result.getResponseBody());
    }
}
