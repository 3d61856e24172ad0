package dev.connectnow.workspace.directory;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static dev.connectnow.workspace.Api.membersPath;
import static dev.connectnow.workspace.Api.newUser;
import static dev.connectnow.workspace.Api.path;
import static dev.connectnow.workspace.Api.uniqueSlug;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.workspace.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every row of the Workspaces table of the API contract, field validation, S6, S14, S16, S17 and the
 * events each call publishes, against the real service on PostgreSQL and Kafka.
 */
@ServiceIntegrationTest
class WorkspaceApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    // ---- POST /api/workspaces, GET /api/workspaces/{id} ----------------------------------------------

    @Test
    void createMakesTheCallerOwnerAndReturnsTheWorkspace() {
        UUID owner = newUser();
        String slug = uniqueSlug("acme");
        String name = "Acme \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \u202Eteam <img src=x onerror=alert(1)>";
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("slug", slug);
        body.put("description", "Where \uD83E\uDD8A things happen");
        body.put("iconUrl", "https://cdn.example.com/acme.png");
        body.put("isPublic", false);

        Response created = api.as(owner).post("/api/workspaces", body);

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode ws = created.json();
        assertThat(created.header("Location"))
                .contains("/api/workspaces/" + ws.get("id").asString());
        assertThat(ws.get("name").asString()).isEqualTo(name); // byte-exact round trip (S16)
        assertThat(ws.get("slug").asString()).isEqualTo(slug);
        assertThat(ws.get("description").asString()).isEqualTo("Where \uD83E\uDD8A things happen");
        assertThat(ws.get("iconUrl").asString()).isEqualTo("https://cdn.example.com/acme.png");
        assertThat(ws.get("ownerId").asString()).isEqualTo(owner.toString());
        assertThat(ws.get("isPublic").asBoolean()).isFalse();
        assertThat(ws.get("myRole").asString()).isEqualTo("OWNER");
        assertThat(ws.get("inviteCode").asString()).matches("[A-Za-z0-9_-]{24}");
        assertThat(ws.get("createdAt").asString()).isEqualTo(ws.get("updatedAt").asString());
        assertThat(fieldNames(ws))
                .containsExactlyInAnyOrder(
                        "id",
                        "name",
                        "slug",
                        "description",
                        "iconUrl",
                        "ownerId",
                        "isPublic",
                        "inviteCode",
                        "createdAt",
                        "updatedAt",
                        "myRole");

        Response read = api.as(owner).get(path(ws));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(ws);
    }

    @Test
    void createListsEveryInvalidFieldAndCreatesNothing() {
        UUID user = newUser();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "\uD83D\uDE00".repeat(81));
        body.put("slug", "Bad Slug");
        body.put("description", "d".repeat(1001));
        body.put("iconUrl", "javascript:alert(1)");

        assertFieldErrors(
                api.as(user).post("/api/workspaces", body), "name", "slug", "description", "iconUrl", "isPublic");
        assertFieldErrors(
                api.as(user).post("/api/workspaces", Map.of("name", " ", "slug", "-ab", "isPublic", true)),
                "name",
                "slug");
        assertFieldErrors(api.as(user).post("/api/workspaces", Map.of("slug", "ab", "isPublic", true)), "name", "slug");
        assertFieldErrors(
                api.as(user)
                        .post(
                                "/api/workspaces",
                                Map.of(
                                        "name",
                                        "x",
                                        "slug",
                                        "good-slug",
                                        "isPublic",
                                        true,
                                        "iconUrl",
                                        "ftp://example.com/a.png")),
                "iconUrl");
        // 80 code points of emoji are 160 UTF-16 units: accepted (S16)
        Response emoji = api.as(user)
                .post(
                        "/api/workspaces",
                        Map.of("name", "\uD83D\uDE00".repeat(80), "slug", uniqueSlug("emoji"), "isPublic", true));
        assertThat(emoji.status()).as("%s", emoji).isEqualTo(201);

        assertThat(api.as(user).get("/api/workspaces").json().get("items")).hasSize(1);
    }

    @Test
    void createRejectsUnknownFieldsNulAndMalformedBodies() {
        UUID user = newUser();
        String slug = uniqueSlug("mass");
        Response massAssignment = api.as(user)
                .post(
                        "/api/workspaces",
                        "{\"name\":\"x\",\"slug\":\"" + slug + "\",\"isPublic\":true,\"ownerId\":\"" + newUser()
                                + "\"}");
        assertFieldErrors(massAssignment, "ownerId");
        assertFieldErrors(
                api.as(user)
                        .post(
                                "/api/workspaces",
                                "{\"name\":\"x\",\"slug\":\"" + slug + "\",\"isPublic\":true,\"inviteCode\":\"mine\"}"),
                "inviteCode");
        assertProblem(
                api.as(user)
                        .post(
                                "/api/workspaces",
                                "{\"name\":\"a\\u0000b\",\"slug\":\"" + slug + "\",\"isPublic\":true}"),
                400);
        assertProblem(api.as(user).post("/api/workspaces", "{\"name\": "), 400);
        assertProblem(
                api.as(user)
                        .post("/api/workspaces", "{\"name\":\"x\",\"slug\":\"" + slug + "\",\"isPublic\":\"maybe\"}"),
                400);
        assertThat(api.as(user).get("/api/workspaces").json().get("items")).isEmpty();
    }

    @Test
    void takenSlugIsAConflictEvenUnderARace() throws Exception {
        String slug = uniqueSlug("taken");
        api.createWorkspace(newUser(), slug, true);
        JsonNode conflict = assertProblem(
                api.as(newUser()).post("/api/workspaces", Map.of("name", "Copy", "slug", slug, "isPublic", true)), 409);
        assertThat(conflict.get("field").asString()).isEqualTo("slug");

        String contested = uniqueSlug("race");
        int racers = 6;
        List<ApiClient> clients = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            clients.add(api.as(newUser()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (ApiClient client : clients) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return client.post("/api/workspaces", Map.of("name", "Race", "slug", contested, "isPublic", true))
                            .status();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).containsOnly(201, 409);
            assertThat(results).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from workspaces where slug = ?", Integer.class, contested))
                .isEqualTo(1);
    }

    // ---- GET /api/workspaces ---------------------------------------------------------------------------

    @Test
    void myWorkspacesArePagedByCursorInJoinOrder() {
        UUID me = newUser();
        UUID other = newUser();
        JsonNode first = api.createWorkspace(me, false);
        JsonNode othersPublic = api.createWorkspace(other, true);
        JsonNode othersPrivate = api.createWorkspace(other, false);
        assertThat(api.as(me).post(path(othersPublic) + "/join", null).status()).isEqualTo(200);
        JsonNode third = api.createWorkspace(me, true);

        Response page1 = api.as(me).get("/api/workspaces?limit=2");
        assertThat(page1.status()).isEqualTo(200);
        assertThat(ids(page1.json().get("items"))).containsExactly(id(first), id(othersPublic));
        JsonNode joined = page1.json().get("items").get(1);
        assertThat(joined.get("myRole").asString()).isEqualTo("MEMBER");
        assertThat(joined.get("inviteCode").isNull())
                .as("members do not see the invite code")
                .isTrue();
        assertThat(page1.json().get("items").get(0).get("inviteCode").asString())
                .isNotBlank();
        String cursor = page1.text("nextCursor");
        assertThat(cursor).isNotBlank();

        Response page2 = api.as(me).get("/api/workspaces?limit=2&cursor=" + cursor);
        assertThat(ids(page2.json().get("items"))).containsExactly(id(third));
        assertThat(page2.json().get("nextCursor").isNull()).isTrue();
        assertThat(ids(api.as(me).get("/api/workspaces").json().get("items"))).doesNotContain(id(othersPrivate));
        assertThat(api.as(newUser()).get("/api/workspaces").json().get("items")).isEmpty();
    }

    @Test
    void publicWorkspacesAreVisibleToVisitorsPrivateOnesDoNotExistForThem() {
        UUID owner = newUser();
        UUID stranger = newUser();
        JsonNode open = api.createWorkspace(owner, true);
        JsonNode closed = api.createWorkspace(owner, false);

        Response visit = api.as(stranger).get(path(open));
        assertThat(visit.status()).isEqualTo(200);
        assertThat(visit.json().get("myRole").isNull()).isTrue();
        assertThat(visit.json().get("inviteCode").isNull()).isTrue();
        assertThat(visit.json().get("name").asString())
                .isEqualTo(open.get("name").asString());

        JsonNode hidden = assertProblem(api.as(stranger).get(path(closed)), 404);
        JsonNode missing = assertProblem(api.as(stranger).get("/api/workspaces/" + UuidV7.next()), 404);
        assertThat(hidden.get("detail")).isEqualTo(missing.get("detail"));
        assertProblem(api.as(stranger).get("/api/workspaces/not-a-uuid"), 400);
        assertProblem(api.anonymous().get(path(open)), 401);
    }

    // ---- PATCH /api/workspaces/{id} --------------------------------------------------------------------

    @Test
    void updateChangesSettingsAndClearsOptionalOnes() {
        UUID owner = newUser();
        JsonNode ws = api.createWorkspace(owner, false);
        String newSlug = uniqueSlug("renamed");
        Map<String, Object> patch = new HashMap<>();
        patch.put("name", "Renamed");
        patch.put("slug", newSlug);
        patch.put("description", "Now described");
        patch.put("iconUrl", "http://img.example.org/i.png");
        patch.put("isPublic", true);

        Response updated = api.as(owner).patch(path(ws), patch);

        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        JsonNode after = updated.json();
        assertThat(after.get("name").asString()).isEqualTo("Renamed");
        assertThat(after.get("slug").asString()).isEqualTo(newSlug);
        assertThat(after.get("description").asString()).isEqualTo("Now described");
        assertThat(after.get("iconUrl").asString()).isEqualTo("http://img.example.org/i.png");
        assertThat(after.get("isPublic").asBoolean()).isTrue();
        assertThat(Instant.parse(after.get("updatedAt").asString()))
                .isAfter(Instant.parse(after.get("createdAt").asString()));

        Response cleared = api.as(owner).patch(path(ws), "{\"description\":null,\"iconUrl\":null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("description").isNull()).isTrue();
        assertThat(cleared.json().get("iconUrl").isNull()).isTrue();
        assertThat(cleared.json().get("name").asString()).isEqualTo("Renamed");

        Response unchanged = api.as(owner).patch(path(ws), "{}");
        assertThat(unchanged.json()).isEqualTo(cleared.json());
        assertThat(api.as(owner).patch(path(ws), Map.of("slug", newSlug)).status())
                .isEqualTo(200);

        assertFieldErrors(api.as(owner).patch(path(ws), "{\"name\":null}"), "name");
        assertFieldErrors(api.as(owner).patch(path(ws), "{\"isPublic\":null,\"slug\":\"UPPER\"}"), "isPublic", "slug");
        assertFieldErrors(api.as(owner).patch(path(ws), "{\"ownerId\":\"" + newUser() + "\"}"), "ownerId");

        String takenSlug = api.createWorkspace(newUser(), true).get("slug").asString();
        JsonNode conflict = assertProblem(api.as(owner).patch(path(ws), Map.of("slug", takenSlug)), 409);
        assertThat(conflict.get("field").asString()).isEqualTo("slug");
        assertThat(api.as(owner).get(path(ws)).json()).isEqualTo(cleared.json());
    }

    // ---- DELETE /api/workspaces/{id} -------------------------------------------------------------------

    @Test
    void deleteRemovesTheWorkspaceAndItsMemberships() {
        UUID owner = newUser();
        UUID member = newUser();
        JsonNode ws = api.createWorkspace(owner, false);
        api.addMember(ws, member, "ADMIN");

        assertThat(api.as(owner).delete(path(ws)).status()).isEqualTo(204);

        assertProblem(api.as(owner).get(path(ws)), 404);
        assertProblem(api.as(member).get(path(ws) + "/members"), 404);
        assertThat(api.as(member).get("/api/workspaces").json().get("items")).isEmpty();
        assertProblem(
                api.as(newUser())
                        .post(
                                "/api/workspaces/join",
                                Map.of("inviteCode", ws.get("inviteCode").asString())),
                404);
        assertThat(jdbc.queryForObject(
                        "select count(*) from workspace_members where workspace_id = ?::uuid", Integer.class, id(ws)))
                .isZero();
        assertProblem(api.as(owner).delete(path(ws)), 404);
    }

    // ---- POST /api/workspaces/{id}/invite-code, POST /api/workspaces/join -------------------------------

    @Test
    void rotatingTheInviteCodeRetiresTheOldOne() {
        UUID owner = newUser();
        JsonNode ws = api.createWorkspace(owner, false);
        String oldCode = ws.get("inviteCode").asString();

        Response rotated = api.as(owner).post(path(ws) + "/invite-code", null);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(fieldNames(rotated.json())).containsExactly("inviteCode");
        String newCode = rotated.text("inviteCode");
        assertThat(newCode).matches("[A-Za-z0-9_-]{24}").isNotEqualTo(oldCode);
        assertThat(api.as(owner).get(path(ws)).text("inviteCode")).isEqualTo(newCode);
        assertProblem(api.as(newUser()).post("/api/workspaces/join", Map.of("inviteCode", oldCode)), 404);
        assertThat(api.as(newUser())
                        .post("/api/workspaces/join", Map.of("inviteCode", newCode))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void joiningByInviteCodeIsIdempotent() {
        UUID owner = newUser();
        UUID joiner = newUser();
        JsonNode ws = api.createWorkspace(owner, false);
        Map<String, String> body = Map.of("inviteCode", ws.get("inviteCode").asString());

        Response joined = api.as(joiner).post("/api/workspaces/join", body);

        assertThat(joined.status()).as("%s", joined).isEqualTo(200);
        JsonNode membership = joined.json();
        assertThat(fieldNames(membership))
                .containsExactlyInAnyOrder("workspaceId", "userId", "role", "nickname", "joinedAt");
        assertThat(membership.get("workspaceId").asString()).isEqualTo(id(ws));
        assertThat(membership.get("userId").asString()).isEqualTo(joiner.toString());
        assertThat(membership.get("role").asString()).isEqualTo("MEMBER");
        assertThat(membership.get("nickname").isNull()).isTrue();

        Response again = api.as(joiner).post("/api/workspaces/join", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(membership);
        assertThat(memberCount(ws)).isEqualTo(2);
        // the owner "joining" keeps their role
        assertThat(api.as(owner).post("/api/workspaces/join", body).text("role"))
                .isEqualTo("OWNER");

        assertProblem(api.as(joiner).post("/api/workspaces/join", Map.of("inviteCode", "no-such-code")), 404);
        assertFieldErrors(api.as(joiner).post("/api/workspaces/join", Map.of("inviteCode", "")), "inviteCode");
        assertFieldErrors(api.as(joiner).post("/api/workspaces/join", "{}"), "inviteCode");
        assertFieldErrors(
                api.as(joiner).post("/api/workspaces/join", Map.of("inviteCode", "x".repeat(65))), "inviteCode");
    }

    // ---- POST /api/workspaces/{id}/join ----------------------------------------------------------------

    @Test
    void joiningAPublicWorkspaceByIdIsIdempotentPrivateOnesAreNotFound() {
        UUID owner = newUser();
        UUID joiner = newUser();
        JsonNode open = api.createWorkspace(owner, true);
        JsonNode closed = api.createWorkspace(owner, false);

        Response joined = api.as(joiner).post(path(open) + "/join", null);
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.text("role")).isEqualTo("MEMBER");
        assertThat(api.as(joiner).post(path(open) + "/join", null).json()).isEqualTo(joined.json());
        assertThat(api.as(joiner).get(path(open)).text("myRole")).isEqualTo("MEMBER");

        assertProblem(api.as(joiner).post(path(closed) + "/join", null), 404);
        assertProblem(api.as(joiner).post("/api/workspaces/" + UuidV7.next() + "/join", null), 404);
        assertThat(memberCount(closed)).isEqualTo(1);
    }

    // ---- GET/PATCH/DELETE /api/workspaces/{id}/members ---------------------------------------------------

    @Test
    void membersAreListedByCursorForMembersOnly() {
        UUID owner = newUser();
        JsonNode ws = api.createWorkspace(owner, true);
        List<String> expected = new ArrayList<>(List.of(owner.toString()));
        for (int i = 0; i < 4; i++) {
            UUID member = newUser();
            api.addMember(ws, member, i == 0 ? "GUEST" : "MEMBER");
            expected.add(member.toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page =
                    api.as(owner).get(path(ws) + "/members?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode item : page.json().get("items")) {
                assertThat(fieldNames(item)).containsExactlyInAnyOrder("userId", "role", "nickname", "joinedAt");
                seen.add(item.get("userId").asString());
            }
            cursor = page.text("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);

        UUID guest = UUID.fromString(expected.get(1));
        assertThat(api.as(guest).get(path(ws) + "/members").json().get("items")).hasSize(5);
        assertProblem(api.as(newUser()).get(path(ws) + "/members"), 403); // public: exists, but members only
        JsonNode closed = api.createWorkspace(owner, false);
        assertProblem(api.as(newUser()).get(path(closed) + "/members"), 404);
    }

    @Test
    void membersChangeNicknamesRolesAndLeave() {
        UUID owner = newUser();
        UUID admin = newUser();
        UUID member = newUser();
        JsonNode ws = api.createWorkspace(owner, false);
        api.addMember(ws, admin, "ADMIN");
        api.addMember(ws, member, "MEMBER");

        Response renamed = api.as(member).patch(membersPath(ws, member), Map.of("nickname", "\uD83E\uDD8A fox"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(fieldNames(renamed.json())).containsExactlyInAnyOrder("userId", "role", "nickname", "joinedAt");
        assertThat(renamed.text("nickname")).isEqualTo("\uD83E\uDD8A fox");

        Response promoted = api.as(admin).patch(membersPath(ws, member), Map.of("role", "MODERATOR"));
        assertThat(promoted.text("role")).isEqualTo("MODERATOR");
        assertThat(promoted.text("nickname")).isEqualTo("\uD83E\uDD8A fox");

        Response clearedNickname = api.as(member).patch(membersPath(ws, member), "{\"nickname\":null}");
        assertThat(clearedNickname.json().get("nickname").isNull()).isTrue();
        assertFieldErrors(api.as(member).patch(membersPath(ws, member), Map.of("nickname", "  ")), "nickname");
        assertFieldErrors(
                api.as(member).patch(membersPath(ws, member), Map.of("nickname", "n".repeat(81))), "nickname");
        assertProblem(api.as(admin).patch(membersPath(ws, newUser()), Map.of("role", "GUEST")), 404);

        JsonNode ownerLeaves = assertProblem(api.as(owner).delete(membersPath(ws, owner)), 409);
        assertThat(ownerLeaves.get("detail").asString()).contains("transfer");
        assertThat(api.as(member).delete(membersPath(ws, member)).status()).isEqualTo(204);
        assertProblem(api.as(member).get(path(ws)), 404);
        assertThat(api.as(owner).delete(membersPath(ws, admin)).status()).isEqualTo(204);
        assertThat(memberCount(ws)).isEqualTo(1);
    }

    // ---- S14: limits -------------------------------------------------------------------------------------

    @Test
    void pageSizesAreCappedOrRefusedAndOversizedBodiesAre413() {
        UUID owner = newUser();
        JsonNode ws = api.createWorkspace(owner, false);
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            rows.add(new Object[] {UuidV7.next(), UUID.fromString(id(ws)), newUser(), now, now});
        }
        jdbc.batchUpdate("""
                insert into workspace_members (id, workspace_id, user_id, role, joined_at, updated_at, revision)
                values (?, ?, ?, 'MEMBER', ?, ?, 1)""", rows);

        Response capped = api.as(owner).get(path(ws) + "/members?limit=100000");
        assertThat(capped.status()).isEqualTo(200);
        assertThat(capped.json().get("items")).hasSize(200);
        Response rest = api.as(owner).get(path(ws) + "/members?limit=100000&cursor=" + capped.text("nextCursor"));
        assertThat(rest.json().get("items")).hasSize(6);
        assertThat(rest.json().get("nextCursor").isNull()).isTrue();
        Set<String> all = new HashSet<>(ids(capped.json().get("items"), "userId"));
        all.addAll(ids(rest.json().get("items"), "userId"));
        assertThat(all).hasSize(206);

        assertProblem(api.as(owner).get(path(ws) + "/members?limit=0"), 400);
        assertProblem(api.as(owner).get(path(ws) + "/members?limit=-3"), 400);
        assertProblem(api.as(owner).get(path(ws) + "/members?limit=many"), 400);
        assertProblem(api.as(owner).get("/api/workspaces?limit=0"), 400);
        assertProblem(api.as(owner).get(path(ws) + "/members?cursor=***"), 400);
        assertProblem(api.as(owner).get(path(ws) + "/members?cursor=bm90LWEtdXVpZA"), 400); // "not-a-uuid"
        assertProblem(api.as(owner).get("/api/workspaces?cursor=bm90LWEtdXVpZA"), 400);

        Response tooLarge = api.as(owner)
                .post(
                        "/api/workspaces",
                        Map.of(
                                "name",
                                "Big",
                                "slug",
                                uniqueSlug("big"),
                                "isPublic",
                                true,
                                "description",
                                "x".repeat(300_000)));
        assertProblem(tooLarge, 413);
        assertProblem(api.as(owner).patch(path(ws), Map.of("description", "x".repeat(300_000))), 413);
    }

    // ---- S17: search text is literal and scoped -----------------------------------------------------------

    @Test
    void nicknameSearchTreatsWildcardsAndQuotesLiterallyWithinTheWorkspace() {
        UUID owner = newUser();
        JsonNode ws = api.createWorkspace(owner, false);
        JsonNode elsewhere = api.createWorkspace(newUser(), false);
        Map<String, UUID> byNickname = new HashMap<>();
        for (String nickname : List.of("100% sure", "a_b", "back\\slash", "plain", "' OR 1=1--", "UPPER case")) {
            UUID user = newUser();
            api.addMember(ws, user, "MEMBER");
            assertThat(api.as(user)
                            .patch(membersPath(ws, user), Map.of("nickname", nickname))
                            .status())
                    .isEqualTo(200);
            byNickname.put(nickname, user);
        }
        for (String foreign : List.of("100% other", "a_b other", "' OR 1=1-- other")) {
            UUID user = newUser();
            api.addMember(elsewhere, user, "MEMBER");
            api.as(user).patch(membersPath(elsewhere, user), Map.of("nickname", foreign));
        }

        assertThat(search(ws, owner, "%")).containsExactly("100% sure");
        assertThat(search(ws, owner, "_")).containsExactly("a_b");
        assertThat(search(ws, owner, "\\")).containsExactly("back\\slash");
        assertThat(search(ws, owner, "' OR 1=1--")).containsExactly("' OR 1=1--");
        assertThat(search(ws, owner, "upper")).containsExactly("UPPER case");
        assertThat(search(ws, owner, "%' OR '1'='1")).isEmpty();
        assertThat(search(ws, owner, "a")).containsExactlyInAnyOrder("a_b", "back\\slash", "plain", "UPPER case");
        assertThat(api.as(owner).get(path(ws) + "/members?q=").json().get("items"))
                .hasSize(7);

        assertProblem(api.as(owner).get(path(elsewhere) + "/members?q=" + encode("%")), 404);
        assertFieldErrors(api.as(owner).get(path(ws) + "/members?q=" + "q".repeat(81)), "q");
    }

    // ---- S6 --------------------------------------------------------------------------------------------------

    @Test
    void responsesCarryNoEmailsAndNoInviteCodeBelowAdmin() {
        UUID owner = newUser();
        UUID member = newUser();
        UUID guest = newUser();
        JsonNode ws = api.createWorkspace(owner, true);
        api.addMember(ws, member, "MEMBER");
        api.addMember(ws, guest, "GUEST");
        List<Response> responses = List.of(
                api.as(member).get(path(ws)),
                api.as(guest).get(path(ws)),
                api.as(newUser()).get(path(ws)),
                api.as(member).get("/api/workspaces"),
                api.as(member).get(path(ws) + "/members"),
                api.as(member).post(path(ws) + "/join", null),
                api.as(owner).get(path(ws) + "/members"));
        String code = ws.get("inviteCode").asString();
        for (Response response : responses) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body())
                    .doesNotContainIgnoringCase("email")
                    .doesNotContain("@")
                    .doesNotContainIgnoringCase("password")
                    .doesNotContain(code);
        }
        assertThat(api.as(owner).get(path(ws)).text("inviteCode")).isEqualTo(code);
    }

    // ---- events ----------------------------------------------------------------------------------------------

    @Test
    void eachChangePublishesOneEnvelopedEventWithMembershipRevisions() {
        try (EventCollector events = new EventCollector(Topics.WORKSPACE)) {
            UUID owner = newUser();
            UUID user = newUser();
            JsonNode ws = api.createWorkspace(owner, true);
            String wsId = id(ws);
            api.as(user).post(path(ws) + "/join", null);
            api.as(user).post(path(ws) + "/join", null); // idempotent: no second event
            api.as(user).patch(membersPath(ws, user), Map.of("nickname", "neo"));
            api.as(owner).patch(membersPath(ws, user), Map.of("role", "MODERATOR"));
            api.as(owner).patch(membersPath(ws, user), Map.of("role", "MODERATOR")); // no change: no event
            api.as(user).delete(membersPath(ws, user));
            api.as(user).post(path(ws) + "/join", null);
            api.as(owner).patch(path(ws), Map.of("name", "Renamed"));
            api.as(owner).patch(path(ws), "{}"); // no change: no event
            api.as(owner).patch(membersPath(ws, user), Map.of("role", "OWNER"));
            assertThat(api.as(user).delete(path(ws)).status()).isEqualTo(204);

            List<String> expectedTypes = List.of(
                    "workspace.created",
                    "workspace.member.added",
                    "workspace.member.added",
                    "workspace.member.updated",
                    "workspace.member.updated",
                    "workspace.member.removed",
                    "workspace.member.added",
                    "workspace.updated",
                    "workspace.member.updated",
                    "workspace.member.updated",
                    "workspace.updated",
                    "workspace.deleted");
            events.await(r -> r.subject().equals(wsId), expectedTypes.size(), Duration.ofSeconds(30));
            List<EventCollector.Received> received =
                    events.drain(r -> r.subject().equals(wsId), Duration.ofMillis(1500));

            // one partition (keyed by workspace id) keeps them in commit order
            assertThat(received).extracting(EventCollector.Received::type).containsExactlyElementsOf(expectedTypes);
            Set<String> eventIds = new HashSet<>();
            for (EventCollector.Received event : received) {
                JsonNode envelope = event.envelope();
                assertThat(event.key()).isEqualTo(wsId);
                assertThat(envelope.get("specversion").asString()).isEqualTo("1.0");
                assertThat(envelope.get("source").asString()).isEqualTo("/workspace-service");
                assertThat(envelope.get("datacontenttype").asString()).isEqualTo("application/json");
                assertThat(envelope.get("time").asString()).isNotBlank();
                assertThat(event.data().get("workspaceId").asString()).isEqualTo(wsId);
                eventIds.add(envelope.get("id").asString());
            }
            assertThat(eventIds).hasSize(expectedTypes.size());

            JsonNode created = received.get(0).data();
            assertThat(created.get("slug").asString()).isEqualTo(ws.get("slug").asString());
            assertThat(created.get("isPublic").asBoolean()).isTrue();
            assertThat(created.get("ownerId").asString()).isEqualTo(owner.toString());
            assertThat(received.get(0).value())
                    .doesNotContain(ws.get("inviteCode").asString());

            assertMember(received.get(1).data(), owner, 1, "OWNER", null);
            JsonNode firstJoin = received.get(2).data();
            assertMember(firstJoin, user, 1, "MEMBER", null);
            assertMember(received.get(3).data(), user, 2, "MEMBER", "neo");
            assertMember(received.get(4).data(), user, 3, "MODERATOR", "neo");
            JsonNode removed = received.get(5).data();
            assertMember(removed, user, 4, "MODERATOR", "neo");
            String firstMembership = firstJoin.get("membershipId").asString();
            for (int i = 3; i <= 5; i++) {
                assertThat(received.get(i).data().get("membershipId").asString())
                        .isEqualTo(firstMembership);
            }
            JsonNode rejoin = received.get(6).data();
            assertMember(rejoin, user, 1, "MEMBER", null);
            String secondMembership = rejoin.get("membershipId").asString();
            assertThat(secondMembership).isNotEqualTo(firstMembership);
            // UUIDv7 text compares like the ids' time order (same length, big-endian hex)
            assertThat(secondMembership.compareTo(firstMembership))
                    .as("re-join sorts later")
                    .isPositive();
            assertThat(received.get(7).data().get("name").asString()).isEqualTo("Renamed");
            assertMember(received.get(8).data(), owner, 2, "ADMIN", null);
            assertMember(received.get(9).data(), user, 2, "OWNER", null);
            assertThat(received.get(10).data().get("ownerId").asString()).isEqualTo(user.toString());
            assertThat(received.get(11).data().get("deletedAt").asString()).isNotBlank();
        }
    }

    private static void assertMember(JsonNode data, UUID user, long revision, String role, String nickname) {
        assertThat(data.get("userId").asString()).isEqualTo(user.toString());
        assertThat(data.get("revision").asLong()).as("revision of %s", data).isEqualTo(revision);
        assertThat(data.get("role").asString()).isEqualTo(role);
        if (nickname == null) {
            assertThat(data.get("nickname").isNull()).isTrue();
        } else {
            assertThat(data.get("nickname").asString()).isEqualTo(nickname);
        }
        assertThat(data.get("membershipId").asString()).isNotBlank();
        assertThat(data.get("joinedAt").asString()).isNotBlank();
        assertThat(data.get("changedAt").asString()).isNotBlank();
    }

    @Test
    void operationalEndpointsAreOpenAndTheApiIsDescribed() {
        assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        Response docs = api.anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        for (String documented : List.of(
                "/api/workspaces",
                "/api/workspaces/{id}",
                "/api/workspaces/join",
                "/api/workspaces/{id}/join",
                "/api/workspaces/{id}/invite-code",
                "/api/workspaces/{id}/members",
                "/api/workspaces/{id}/members/{userId}")) {
            assertThat(paths.has(documented)).as("documented: %s", documented).isTrue();
        }
        assertProblem(api.anonymous().get("/api/workspaces"), 401);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private List<String> search(JsonNode ws, UUID caller, String q) {
        Response found = api.as(caller).get(path(ws) + "/members?q=" + encode(q));
        assertThat(found.status()).as("%s", found).isEqualTo(200);
        List<String> nicknames = new ArrayList<>();
        found.json()
                .get("items")
                .forEach(item -> nicknames.add(item.get("nickname").asString()));
        return nicknames;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private int memberCount(JsonNode ws) {
        return jdbc.queryForObject(
                "select count(*) from workspace_members where workspace_id = ?::uuid", Integer.class, id(ws));
    }

    private static String id(JsonNode ws) {
        return ws.get("id").asString();
    }

    private static List<String> ids(JsonNode items) {
        return ids(items, "id");
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get(field).asString()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
