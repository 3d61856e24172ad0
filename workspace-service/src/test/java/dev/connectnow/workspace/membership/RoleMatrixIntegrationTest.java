package dev.connectnow.workspace.membership;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static dev.connectnow.workspace.Api.membersPath;
import static dev.connectnow.workspace.Api.newUser;
import static dev.connectnow.workspace.Api.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.UuidV7;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.workspace.Api;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The role matrix through HTTP: every kind of caller × every workspace action, each on a fresh workspace,
 * with the state re-read after every refusal to prove nothing changed (S4). Then S1, S2, S5 and the
 * hierarchy edge cases (ADMIN vs ADMIN, ownership transfer).
 */
@ServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    /** Cells that must change nothing share one workspace per visibility; each re-checks it is unchanged. */
    private final Map<Boolean, Fixture> untouchable = new HashMap<>();

    @BeforeEach
    void client() {
        if (api == null) {
            api = new Api(port);
        }
    }

    /** Who calls: a member in a role, a stranger to a private workspace, or a visitor of a public one. */
    enum Caller {
        OWNER,
        ADMIN,
        MODERATOR,
        MEMBER,
        GUEST,
        OUTSIDER,
        VISITOR
    }

    /** A fresh workspace with one member per role plus {@code subject}, a MEMBER that actions aim at. */
    record Fixture(JsonNode workspace, Map<Caller, UUID> users, UUID subject) {
        UUID owner() {
            return users.get(Caller.OWNER);
        }
    }

    enum Action {
        READ((api, f) -> api.as(f.caller).get(path(f.fixture.workspace))),
        LIST_MEMBERS((api, f) -> api.as(f.caller).get(path(f.fixture.workspace) + "/members")),
        UPDATE((api, f) -> api.as(f.caller).patch(path(f.fixture.workspace), Map.of("name", "Changed"))),
        ROTATE_INVITE((api, f) -> api.as(f.caller).post(path(f.fixture.workspace) + "/invite-code", null)),
        DELETE((api, f) -> api.as(f.caller).delete(path(f.fixture.workspace))),
        PROMOTE_SUBJECT((api, f) -> api.as(f.caller)
                .patch(membersPath(f.fixture.workspace, f.fixture.subject), Map.of("role", "MODERATOR"))),
        GRANT_ADMIN((api, f) ->
                api.as(f.caller).patch(membersPath(f.fixture.workspace, f.fixture.subject), Map.of("role", "ADMIN"))),
        RENAME_SUBJECT((api, f) -> api.as(f.caller)
                .patch(membersPath(f.fixture.workspace, f.fixture.subject), Map.of("nickname", "renamed"))),
        REMOVE_SUBJECT((api, f) -> api.as(f.caller).delete(membersPath(f.fixture.workspace, f.fixture.subject))),
        RENAME_SELF((api, f) ->
                api.as(f.caller).patch(membersPath(f.fixture.workspace, f.caller), Map.of("nickname", "me myself"))),
        SELF_TO_OWNER((api, f) ->
                api.as(f.caller).patch(membersPath(f.fixture.workspace, f.caller), Map.of("role", "OWNER"))),
        LEAVE((api, f) -> api.as(f.caller).delete(membersPath(f.fixture.workspace, f.caller))),
        JOIN((api, f) -> api.as(f.caller).post(path(f.fixture.workspace) + "/join", null));

        final BiFunction<Api, Call, Response> call;

        Action(BiFunction<Api, Call, Response> call) {
            this.call = call;
        }
    }

    record Call(Fixture fixture, UUID caller) {}

    /** Expected status per caller (rows) and action (columns, in {@link Action} order). */
    private static final String MATRIX = """
                      READ LIST UPD ROT DEL PROMO ADMIN RENAME REMOVE SELFNICK SELFOWNER LEAVE JOIN
            OWNER     200  200  200 200 204 200   200   200    204    200      200       409   200
            ADMIN     200  200  200 200 403 200   200   200    204    200      403       204   200
            MODERATOR 200  200  403 403 403 403   403   403    403    200      403       204   200
            MEMBER    200  200  403 403 403 403   403   403    403    200      403       204   200
            GUEST     200  200  403 403 403 403   403   403    403    200      403       204   200
            OUTSIDER  404  404  404 404 404 404   404   404    404    404      404       404   404
            VISITOR   200  403  403 403 403 403   403   403    403    403      403       404   200
            """;

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        String[] lines = MATRIX.strip().split("\n");
        for (int row = 1; row < lines.length; row++) {
            String[] cells0 = lines[row].trim().split("\\s+");
            Caller caller = Caller.valueOf(cells0[0]);
            for (Action action : Action.values()) {
                cells.add(Arguments.of(caller, action, Integer.parseInt(cells0[1 + action.ordinal()])));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void roleMatrix(Caller caller, Action action, int expectedStatus) {
        boolean isPublic = caller == Caller.VISITOR;
        boolean changesNothing = expectedStatus >= 400 || action == Action.READ || action == Action.LIST_MEMBERS;
        Fixture fixture = changesNothing ? untouchable.computeIfAbsent(isPublic, this::fixture) : fixture(isPublic);
        UUID actor = fixture.users().get(caller);
        Snapshot before = snapshot(fixture);

        Response response = action.call.apply(api, new Call(fixture, actor));

        assertThat(response.status()).as("%s %s: %s", caller, action, response).isEqualTo(expectedStatus);
        if (expectedStatus >= 400) {
            assertProblem(response, expectedStatus);
            assertThat(snapshot(fixture))
                    .as("nothing changed after %s %s", caller, action)
                    .isEqualTo(before);
            return;
        }
        verifyEffect(caller, action, fixture, actor, response, before);
    }

    private void verifyEffect(
            Caller caller, Action action, Fixture fixture, UUID actor, Response response, Snapshot before) {
        switch (action) {
            case READ -> {
                JsonNode ws = response.json();
                boolean admin = caller == Caller.OWNER || caller == Caller.ADMIN;
                assertThat(ws.get("inviteCode").isNull())
                        .as("invite code hidden for %s", caller)
                        .isEqualTo(!admin);
                assertThat(ws.get("myRole").isNull() ? null : ws.get("myRole").asString())
                        .isEqualTo(caller == Caller.VISITOR ? null : caller.name());
            }
            case LIST_MEMBERS -> assertThat(response.json().get("items")).hasSize(6);
            case UPDATE -> assertThat(read(fixture).get("name").asString()).isEqualTo("Changed");
            case ROTATE_INVITE ->
                assertThat(read(fixture).get("inviteCode").asString())
                        .isEqualTo(response.text("inviteCode"))
                        .isNotEqualTo(fixture.workspace().get("inviteCode").asString());
            case DELETE -> assertProblem(api.as(fixture.owner()).get(path(fixture.workspace())), 404);
            case PROMOTE_SUBJECT ->
                assertThat(roleOf(fixture, fixture.subject())).isEqualTo("MODERATOR");
            case GRANT_ADMIN -> assertThat(roleOf(fixture, fixture.subject())).isEqualTo("ADMIN");
            case RENAME_SUBJECT ->
                assertThat(nicknameOf(fixture, fixture.subject())).isEqualTo("renamed");
            case REMOVE_SUBJECT ->
                assertThat(roleOf(fixture, fixture.subject())).isNull();
            case RENAME_SELF -> assertThat(nicknameOf(fixture, actor)).isEqualTo("me myself");
            case SELF_TO_OWNER -> assertThat(snapshot(fixture)).isEqualTo(before); // the owner restating OWNER
            case LEAVE -> assertThat(roleOf(fixture, actor)).isNull();
            case JOIN ->
                assertThat(roleOf(fixture, actor)).isEqualTo(caller == Caller.VISITOR ? "MEMBER" : caller.name());
        }
    }

    // ---- S1 / S2: another workspace's private things do not exist for you --------------------------------

    @Test
    void memberOfOneWorkspaceCannotReachAnotherPrivateWorkspace() {
        UUID alice = newUser();
        UUID bob = newUser();
        JsonNode w1 = api.createWorkspace(alice, false);
        JsonNode w2 = api.createWorkspace(bob, false);
        UUID bobsMember = newUser();
        api.addMember(w2, bobsMember, "MEMBER");
        String unknown = "/api/workspaces/" + UuidV7.next();
        String notFoundDetail =
                assertProblem(api.as(alice).get(unknown), 404).get("detail").asString();
        Snapshot before = snapshotOf(w2);

        List<Response> attempts = List.of(
                api.as(alice).get(path(w2)),
                api.as(alice).get(path(w2) + "/members"),
                api.as(alice).get(path(w2) + "/members?q=" + "a"),
                api.as(alice).patch(path(w2), Map.of("name", "mine now")),
                api.as(alice).delete(path(w2)),
                api.as(alice).post(path(w2) + "/invite-code", null),
                api.as(alice).post(path(w2) + "/join", null),
                api.as(alice).patch(membersPath(w2, bobsMember), Map.of("role", "GUEST")),
                api.as(alice).patch(membersPath(w2, alice), Map.of("nickname", "intruder")),
                api.as(alice).delete(membersPath(w2, bobsMember)),
                api.as(alice).delete(membersPath(w2, alice)));
        for (Response attempt : attempts) {
            JsonNode problem = assertProblem(attempt, 404);
            assertThat(problem.get("detail").asString()).isEqualTo(notFoundDetail);
            assertThat(attempt.body()).doesNotContain(w2.get("name").asString()).doesNotContain(bob.toString());
        }
        assertThat(snapshotOf(w2)).isEqualTo(before);
        assertThat(api.as(alice).get(path(w1)).status()).isEqualTo(200);
    }

    // ---- S4: admin actions by MEMBER/GUEST -----------------------------------------------------------------

    @Test
    void membersAndGuestsCannotRunAdminActions() {
        Fixture fixture = fixture(false);
        Snapshot before = snapshot(fixture);
        for (Caller caller : List.of(Caller.MEMBER, Caller.GUEST, Caller.MODERATOR)) {
            UUID user = fixture.users().get(caller);
            JsonNode ws = fixture.workspace();
            assertProblem(api.as(user).post(path(ws) + "/invite-code", null), 403);
            assertProblem(api.as(user).patch(path(ws), Map.of("isPublic", true)), 403);
            assertProblem(api.as(user).patch(membersPath(ws, fixture.subject()), Map.of("role", "GUEST")), 403);
            assertProblem(api.as(user).patch(membersPath(ws, user), Map.of("role", "ADMIN")), 403);
            assertProblem(api.as(user).delete(membersPath(ws, fixture.subject())), 403);
            assertProblem(api.as(user).delete(path(ws)), 403);
        }
        assertThat(snapshot(fixture)).isEqualTo(before);
        assertThat(read(fixture).get("inviteCode").asString())
                .isEqualTo(fixture.workspace().get("inviteCode").asString());
    }

    // ---- S5: mass assignment of one's own membership ---------------------------------------------------------

    @Test
    void aMemberCannotPromoteThemselvesByAnyMeans() {
        Fixture fixture = fixture(false);
        UUID member = fixture.users().get(Caller.MEMBER);
        String self = membersPath(fixture.workspace(), member);
        Map<String, Object> rowBefore = memberRow(fixture, member);

        assertProblem(api.as(member).patch(self, Map.of("role", "OWNER")), 403);
        assertProblem(api.as(member).patch(self, Map.of("role", "ADMIN", "nickname", "boss")), 403);
        assertFieldErrors(api.as(member).patch(self, "{\"role\":\"MEMBER\",\"isAdmin\":true}"), "isAdmin");
        assertFieldErrors(
                api.as(member).patch(self, "{\"nickname\":\"x\",\"userId\":\"" + fixture.owner() + "\"}"), "userId");
        assertFieldErrors(api.as(member).patch(self, "{\"revision\":99}"), "revision");
        assertProblem(api.as(member).patch(self, "{\"role\":\"SUPERUSER\"}"), 400);
        assertProblem(api.as(member).patch(self, "{\"role\":\"owner\"}"), 400);
        assertFieldErrors(api.as(member).patch(self, "{\"role\":null}"), "role");
        assertFieldErrors(
                api.as(fixture.owner())
                        .patch(path(fixture.workspace()), "{\"name\":\"x\",\"ownerId\":\"" + member + "\"}"),
                "ownerId");

        assertThat(memberRow(fixture, member)).isEqualTo(rowBefore);
        assertThat(read(fixture).get("ownerId").asString())
                .isEqualTo(fixture.owner().toString());
        // restating one's own role changes nothing and is not an error
        assertThat(api.as(member).patch(self, Map.of("role", "MEMBER")).status())
                .isEqualTo(200);
        assertThat(memberRow(fixture, member)).isEqualTo(rowBefore);
    }

    // ---- hierarchy edge cases ------------------------------------------------------------------------------

    @Test
    void adminsActOnlyBelowTheirOwnRole() {
        Fixture fixture = fixture(false);
        JsonNode ws = fixture.workspace();
        UUID admin = fixture.users().get(Caller.ADMIN);
        UUID peer = newUser();
        api.addMember(ws, peer, "ADMIN");
        Snapshot before = snapshot(fixture);

        assertProblem(api.as(admin).patch(membersPath(ws, peer), Map.of("role", "MEMBER")), 403);
        assertProblem(api.as(admin).patch(membersPath(ws, peer), Map.of("nickname", "demoted")), 403);
        assertProblem(api.as(admin).delete(membersPath(ws, peer)), 403);
        assertProblem(api.as(admin).patch(membersPath(ws, fixture.owner()), Map.of("role", "ADMIN")), 403);
        assertProblem(api.as(admin).delete(membersPath(ws, fixture.owner())), 403);
        assertProblem(api.as(admin).patch(membersPath(ws, fixture.subject()), Map.of("role", "OWNER")), 403);
        assertProblem(api.as(admin).patch(membersPath(ws, admin), Map.of("role", "MEMBER")), 403);
        assertThat(snapshot(fixture)).isEqualTo(before);

        // the OWNER may act on anyone; an ADMIN may raise a lower member up to ADMIN, then no longer touch them
        assertThat(api.as(fixture.owner())
                        .patch(membersPath(ws, peer), Map.of("role", "GUEST"))
                        .status())
                .isEqualTo(200);
        assertThat(api.as(admin)
                        .patch(membersPath(ws, peer), Map.of("role", "ADMIN"))
                        .status())
                .isEqualTo(200);
        assertProblem(api.as(admin).patch(membersPath(ws, peer), Map.of("role", "GUEST")), 403);
        JsonNode ownerStepsDown = assertProblem(
                api.as(fixture.owner()).patch(membersPath(ws, fixture.owner()), Map.of("role", "ADMIN")), 409);
        assertThat(ownerStepsDown.get("detail").asString()).contains("transfer");
        UUID moderator = fixture.users().get(Caller.MODERATOR);
        assertProblem(api.as(moderator).delete(membersPath(ws, fixture.users().get(Caller.GUEST))), 403);
    }

    @Test
    void ownershipIsTransferredOnlyByTheOwner() {
        Fixture fixture = fixture(false);
        JsonNode ws = fixture.workspace();
        UUID owner = fixture.owner();
        UUID admin = fixture.users().get(Caller.ADMIN);

        Response transferred = api.as(owner).patch(membersPath(ws, admin), Map.of("role", "OWNER"));

        assertThat(transferred.status()).as("%s", transferred).isEqualTo(200);
        assertThat(transferred.text("role")).isEqualTo("OWNER");
        assertThat(roleOf(fixture, owner)).isEqualTo("ADMIN");
        JsonNode after = api.as(admin).get(path(ws)).json();
        assertThat(after.get("ownerId").asString()).isEqualTo(admin.toString());
        assertThat(after.get("myRole").asString()).isEqualTo("OWNER");
        assertThat(jdbc.queryForObject(
                        "select count(*) from workspace_members where workspace_id = ?::uuid " + "and role = 'OWNER'",
                        Integer.class,
                        ws.get("id").asString()))
                .isEqualTo(1);

        assertProblem(api.as(owner).delete(path(ws)), 403);
        assertProblem(api.as(owner).patch(membersPath(ws, admin), Map.of("role", "ADMIN")), 403);
        assertProblem(api.as(admin).delete(membersPath(ws, admin)), 409);
        assertThat(api.as(owner).delete(membersPath(ws, owner)).status()).isEqualTo(204);
        assertThat(api.as(admin).delete(path(ws)).status()).isEqualTo(204);
    }

    // ---- fixtures and state snapshots ---------------------------------------------------------------------

    private Fixture fixture(boolean isPublic) {
        UUID owner = newUser();
        JsonNode ws = api.createWorkspace(owner, isPublic);
        Map<Caller, UUID> users = new EnumMap<>(Caller.class);
        users.put(Caller.OWNER, owner);
        for (Caller role : List.of(Caller.ADMIN, Caller.MODERATOR, Caller.MEMBER, Caller.GUEST)) {
            UUID user = newUser();
            api.addMember(ws, user, role.name());
            users.put(role, user);
        }
        users.put(Caller.OUTSIDER, newUser());
        users.put(Caller.VISITOR, newUser());
        UUID subject = newUser();
        api.addMember(ws, subject, "MEMBER");
        return new Fixture(ws, users, subject);
    }

    /** The workspace and its members as the database holds them. */
    record Snapshot(Map<String, Object> workspace, List<Map<String, Object>> members) {}

    private Snapshot snapshot(Fixture fixture) {
        return snapshotOf(fixture.workspace());
    }

    private Snapshot snapshotOf(JsonNode ws) {
        String id = ws.get("id").asString();
        List<Map<String, Object>> workspace = jdbc.queryForList("select * from workspaces where id = ?::uuid", id);
        return new Snapshot(
                workspace.isEmpty() ? null : workspace.get(0),
                jdbc.queryForList("select * from workspace_members where workspace_id = ?::uuid order by id", id));
    }

    private Map<String, Object> memberRow(Fixture fixture, UUID user) {
        return jdbc.queryForMap(
                "select * from workspace_members where workspace_id = ?::uuid and user_id = ?",
                fixture.workspace().get("id").asString(),
                user);
    }

    private JsonNode read(Fixture fixture) {
        return api.as(fixture.owner()).get(path(fixture.workspace())).json();
    }

    private String roleOf(Fixture fixture, UUID user) {
        List<String> roles = jdbc.queryForList(
                "select role from workspace_members where workspace_id = ?::uuid and user_id = ?",
                String.class,
                fixture.workspace().get("id").asString(),
                user);
        return roles.isEmpty() ? null : roles.get(0);
    }

    private String nicknameOf(Fixture fixture, UUID user) {
        return jdbc.queryForObject(
                "select nickname from workspace_members where workspace_id = ?::uuid and user_id = ?",
                String.class,
                fixture.workspace().get("id").asString(),
                user);
    }
}
