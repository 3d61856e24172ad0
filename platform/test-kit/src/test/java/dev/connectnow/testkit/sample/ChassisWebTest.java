package dev.connectnow.testkit.sample;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.JsonNode;

/** The chassis' security and error handling, seen through a minimal service. */
@ServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ChassisWebTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HttpFirewall firewall;

    private final UUID user = UUID.randomUUID();

    private ApiClient api() {
        return ApiClient.local(port).as(TestTokens.accessToken(user));
    }

    @Test
    void aValidTokenIsAcceptedAndTheCallerIsKnown() {
        ApiClient.Response created = api().post("/api/notes", Map.of("text", "hello"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("ownerId")).isEqualTo(user.toString());
    }

    @Test
    void missingOrInvalidTokensGet401ProblemDetails() {
        ApiClient anonymous = ApiClient.local(port);
        assertProblem(anonymous.post("/api/notes", Map.of("text", "x")), 401);
        assertThat(anonymous.post("/api/notes", Map.of("text", "x")).header("WWW-Authenticate"))
                .hasValue("Bearer");

        TestTokens tokens = TestTokens.shared();
        String expired =
                tokens.builder(user).expiresAt(Instant.now().minusSeconds(120)).sign();
        String wrongIssuer = tokens.builder(user).issuer("someone-else").sign();
        String wrongAudience = tokens.builder(user).audience("other-api").sign();
        String notAUser = tokens.builder(user).claim("sub", "admin").sign();
        String valid = tokens.builder(user).sign();
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        String unsigned = parts[0] + "." + parts[1] + ".";
        List<String> refused =
                List.of(expired, wrongIssuer, wrongAudience, notAUser, tampered, unsigned, "garbage", "a b", "x=y");
        for (String token : refused) {
            ApiClient.Response response = ApiClient.local(port).as(token).post("/api/notes", Map.of("text", "x"));
            assertProblem(response, 401);
        }
    }

    @Test
    void publicPathsAreOpenAndIgnoreStaleTokens() {
        assertThat(ApiClient.local(port).get("/api/public/ping").body()).isEqualTo("pong");
        assertThat(ApiClient.local(port)
                        .as("stale.or.garbage")
                        .get("/api/public/ping")
                        .status())
                .isEqualTo(200);
        assertProblem(ApiClient.local(port).post("/api/public/ping", "{}"), 401);
    }

    @Test
    void aHeaderWithAControlCharacterIsRefusedBeforeItIsRead(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/tags");
        request.addHeader("X-Note", "a\u0085b");
        HttpServletRequest firewalled = firewall.getFirewalledRequest(request);
        assertThatThrownBy(() -> firewalled.getHeader("X-Note")).isInstanceOf(RequestRejectedException.class);
        assertThat(firewalled.getHeader("X-Absent")).isNull();

        // on the wire: Tomcat reads the byte 0x85 as U+0085, a C1 control, in the header security reads first
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream()
                    .write(("GET /api/tags?contains=x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\u0085b"
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 400");
        }
        assertNoErrorLogged(output);
    }

    @Test
    void badInputGetsClearProblemDetails() {
        assertFieldErrors(api().post("/api/notes", Map.of("text", "")), "text");
        assertFieldErrors(api().post("/api/notes", Map.of("text", "ok", "ownerId", UUID.randomUUID())), "ownerId");
        assertThat(assertProblem(api().post("/api/notes", "{\"text\": "), 400)
                        .get("detail")
                        .asString())
                .contains("not valid JSON");
        assertThat(assertProblem(api().post("/api/notes", "{\"text\": \"a\\u0000b\"}"), 400)
                        .get("detail")
                        .asString())
                .contains("NUL");
        assertProblem(api().post("/api/notes", "{\"text\": {\"nested\": true}}"), 400);
    }

    @Test
    void oversizedBodiesGet413() {
        String big = "{\"text\": \"" + "x".repeat(300 * 1024) + "\"}";
        assertProblem(api().post("/api/notes", big), 413);
    }

    @Test
    void domainErrorsAndUnknownPathsAreProblemDetails() {
        UUID id = UUID.randomUUID();
        assertThat(assertProblem(api().get("/api/notes/" + id), 404)
                        .get("noteId")
                        .asString())
                .isEqualTo(id.toString());
        assertFieldErrors(api().get("/api/notes/not-a-uuid"), "id");
        assertProblem(api().get("/api/nothing-here"), 404);
    }

    @Test
    void theActuatorIsServedOnTheManagementPortOnlyAndTheProbesOnBoth() {
        assertThat(managementPort).isNotEqualTo(port);
        ApiClient management = ApiClient.local(managementPort);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        ApiClient.Response metrics = management.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("connectnow_outbox_pending").contains("connectnow_outbox_leader");

        for (ApiClient client : List.of(ApiClient.local(port), api())) {
            assertProblem(client.get("/actuator/prometheus"), 404);
            assertProblem(client.get("/actuator/health"), 404);
        }
        assertThat(ApiClient.local(port).get("/readyz").status()).isEqualTo(200);
        assertThat(ApiClient.local(port).get("/livez").status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpointsButNotTheTokenDerivedCaller() {
        ApiClient.Response docs = ApiClient.local(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/notes")).isTrue();
        assertThat(docs.body()).doesNotContain("AuthenticatedUser").doesNotContain("\"name\":\"me\"");
    }

    @Test
    void theOpenApiDocumentPointsAtWhereItWasReadNotAtTheServicesAddress() {
        JsonNode docs = ApiClient.local(port).get("/v3/api-docs").json();
        assertThat(docs.get("servers")
                        .valueStream()
                        .map(server -> server.get("url").asString()))
                .containsExactly("/");
        assertThat(docs.toString())
                .doesNotContain("127.0.0.1")
                .doesNotContain("localhost")
                .doesNotContain(":" + port);
    }

    @Test
    void aContentTypeThatIsNotOneMediaTypeIs415NotA500(CapturedOutput output) {
        for (String contentType : List.of("*/*", "application/*", "application/*+yaml", "*", "json", "text/")) {
            for (ApiClient client : List.of(api(), ApiClient.local(port))) {
                ApiClient.Response response = client.send("POST", "/api/notes", contentType, utf8("{\"text\":\"x\"}"));
                assertThat(assertProblem(response, 415).get("detail").asString())
                        .as("Content-Type %s", contentType)
                        .contains("Content-Type");
            }
        }
        assertThat(notesOfCaller()).isZero();
        assertNoErrorLogged(output);
    }

    @Test
    void onlyJsonIsReadOrWritten(CapturedOutput output) {
        assertProblem(api().send("POST", "/api/notes", "application/yaml", utf8("text: hello\nownerId: x\n")), 415);
        assertProblem(api().send("POST", "/api/notes", "application/xml", utf8("<note><text>x</text></note>")), 415);
        assertProblem(api().send("POST", "/api/notes", "application/x-www-form-urlencoded", utf8("text=hi")), 415);
        assertThat(notesOfCaller()).isZero();
        assertThat(api().withHeader("Accept", "application/yaml")
                        .get("/api/tags?contains=nothing")
                        .status())
                .as("no YAML answers either")
                .isEqualTo(406);
        assertNoErrorLogged(output);
    }

    @Test
    void aQueryThatIsNotPercentEncodedUtf8OrHoldsNulIs400(CapturedOutput output) {
        // an encoded surrogate (CESU-8), a lone byte, an overlong '/', a truncated sequence
        for (String value : List.of("%ED%A0%80", "%FF", "%C0%AF", "%E2%82")) {
            JsonNode problem = assertFieldErrors(api().get("/api/tags?contains=" + value), "contains");
            assertThat(problem.get("detail").asString()).contains("UTF-8");
        }
        assertProblem(api().get("/api/tags?%FF=x"), 400);
        JsonNode nul = assertFieldErrors(api().get("/api/tags?contains=a%00b"), "contains");
        assertThat(nul.get("detail").asString()).contains("NUL");
        for (String path : List.of("/api/notes/%00", "/api/notes/%FF", "/api/notes/%C0%AF")) {
            assertThat(api().get(path).status())
                    .as("%s: Tomcat refuses it before any filter", path)
                    .isEqualTo(400);
        }
        assertThat(ApiClient.local(port).get("/api/tags?contains=%ED%A0%80").status())
                .as("anonymous: refused before authentication, never a 5xx")
                .isEqualTo(400);
        assertThat(api().get("/api/tags?contains=" + URLEncoder.encode("Zoë 👩‍👩‍👧", StandardCharsets.UTF_8))
                        .status())
                .as("real UTF-8 is fine")
                .isEqualTo(200);
        assertNoErrorLogged(output);
    }

    @Test
    void aFormBodyThatIsNotPercentEncodedUtf8OrHoldsNulIs400(CapturedOutput output) {
        for (String form : List.of("text=%FF", "text=%ED%A0%80", "text=%C0%AF", "text=%E2%82", "text=%G1", "%FF=x")) {
            for (ApiClient client : List.of(api(), ApiClient.local(port))) {
                ApiClient.Response response =
                        client.send("POST", "/api/notes", "application/x-www-form-urlencoded", utf8(form));
                assertThat(assertProblem(response, 400).get("detail").asString())
                        .as(form)
                        .contains("form body");
            }
        }
        assertThat(assertProblem(
                                api().send(
                                                "POST",
                                                "/api/notes",
                                                "application/x-www-form-urlencoded",
                                                utf8("text=a%00b")),
                                400)
                        .get("detail")
                        .asString())
                .contains("NUL");
        assertThat(notesOfCaller()).isZero();
        assertNoErrorLogged(output);
    }

    @Test
    void jsonTextTheDatabaseWouldNotStoreAsSentIs400(CapturedOutput output) {
        for (String text : List.of("a\\ud800b", "\\udc00", "end\\ud83d")) {
            JsonNode problem = assertProblem(api().post("/api/notes", "{\"text\": \"" + text + "\"}"), 400);
            assertThat(problem.get("detail").asString()).contains("'text'").contains("surrogate");
        }
        // as a field name (a map's key): refused by the parser reading bytes or by TextSafetyModule's key check
        assertProblem(api().post("/api/tags", "{\"a\\ud800\": \"x\"}"), 400);
        // overlong '/', an encoded surrogate, a lone continuation byte, a truncated sequence at the end
        for (byte[] invalid : List.of(
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82})) {
            JsonNode problem =
                    assertProblem(api().send("POST", "/api/notes", "application/json", jsonWithRawText(invalid)), 400);
            assertThat(problem.get("detail").asString()).contains("UTF-8");
        }
        assertThat(notesOfCaller()).isZero();

        // an RTL override, a ZWJ sequence, a surrogate pair (the note takes at most 20 UTF-16 units)
        String real = "\u202Eab 👩‍👩‍👧 😀";
        ApiClient.Response created = api().post("/api/notes", Map.of("text", real));
        assertThat(created.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select text from note where id = ?::uuid", String.class, created.text("id")))
                .isEqualTo(real);
        assertNoErrorLogged(output);
    }

    @Test
    void jsonOfTheWrongTypeOrWithAFieldTwiceIs400NotConverted(CapturedOutput output) {
        for (String body : List.of("{\"text\": 123}", "{\"text\": true}", "{\"text\": 1e400}")) {
            JsonNode problem = assertProblem(api().post("/api/notes", body), 400);
            assertThat(problem.get("detail").asString()).as(body).contains("'text'");
        }
        assertProblem(api().post("/api/notes", "{\"text\": \"a\", \"text\": \"b\"}"), 400);
        assertThat(notesOfCaller()).isZero();
        assertNoErrorLogged(output);
    }

    @Test
    void aMultipartBodyThatCannotBeParsedIs400NotA500(CapturedOutput output) {
        String withBoundary = "multipart/form-data; boundary=" + BOUNDARY;
        Map<String, byte[]> unparsable = Map.of(
                "a NUL in the file name", filePart("a\u0000b.txt", "hello"),
                "a part cut short",
                        utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\";"
                                + " filename=\"a.txt\"\r\n\r\nno closing boundary"));
        unparsable.forEach((what, body) -> assertThat(
                        assertProblem(api().send("POST", "/api/notes/upload", withBoundary, body), 400)
                                .get("detail")
                                .asString())
                .as(what)
                .contains("multipart"));
        assertThat(assertProblem(
                                api().send("POST", "/api/notes/upload", "multipart/form-data", filePart("a.txt", "x")),
                                400)
                        .get("detail")
                        .asString())
                .as("no boundary")
                .contains("multipart");
        assertThat(notesOfCaller()).isZero();
        assertNoErrorLogged(output);

        ApiClient.Response uploaded =
                api().send("POST", "/api/notes/upload", withBoundary, filePart("a.txt", "from a file"));
        assertThat(uploaded.status())
                .as("a well-formed upload of the same endpoint")
                .isEqualTo(201);
        assertThat(uploaded.text("text")).isEqualTo("from a file");
    }

    private static final String BOUNDARY = "chassis-test-boundary";

    private static byte[] filePart(String fileName, String content) {
        return utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n");
    }

    private static byte[] jsonWithRawText(byte[] text) {
        byte[] prefix = utf8("{\"text\": \"a");
        byte[] suffix = utf8("\"}");
        byte[] body = new byte[prefix.length + text.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(text, 0, body, prefix.length, text.length);
        System.arraycopy(suffix, 0, body, prefix.length + text.length, suffix.length);
        return body;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long notesOfCaller() {
        return jdbc.queryForObject("select count(*) from note where owner_id = ?", Long.class, user);
    }

    /** Client errors are not server errors: nothing at ERROR, no stack trace. */
    private static void assertNoErrorLogged(CapturedOutput output) {
        assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ") && !line.contains("kafka")))
                .isEmpty();
        assertThat(output.getAll()).doesNotContain("\tat org.apache").doesNotContain("\tat org.springframework.web");
    }
}
