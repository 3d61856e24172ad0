package dev.connectnow.channel;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.channel.support.IntegrationTestBase;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.testkit.ApiClient.Response;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The role matrix: each workspace role (and a non-member) against each channel action, on public and private
 * channels, plus channel roles; and the S1, S2, S4 rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelAuthorizationTest extends IntegrationTestBase {

    /** Workspace roles of the callers; OUTSIDER is a member of another workspace only. */
    enum Who {
        OWNER,
        ADMIN,
        MODERATOR,
        MEMBER,
        GUEST,
        OUTSIDER
    }

    private final Map<Who, UUID> users = new EnumMap<>(Who.class);
    private UUID workspace;
    private UUID otherWorkspace;
    private UUID creator; // workspace MEMBER, creates the channels (channel OWNER)
    private UUID channelAdmin; // workspace MEMBER, channel ADMIN
    private UUID channelMember; // workspace MEMBER, channel MEMBER

    @BeforeAll
    void workspaceWithEveryRole() {
        UUID workspaceOwner = newUser();
        workspace = upstream().createWorkspace(workspaceOwner);
        users.put(Who.OWNER, workspaceOwner);
        otherWorkspace = upstream().createWorkspace(newUser());
        for (Who who : List.of(Who.ADMIN, Who.MODERATOR, Who.MEMBER, Who.GUEST)) {
            UUID user = newUser();
            upstream().addMember(workspace, user, WorkspaceRole.valueOf(who.name()));
            users.put(who, user);
        }
        UUID outsider = newUser();
        upstream().addMember(otherWorkspace, outsider, WorkspaceRole.MEMBER);
        users.put(Who.OUTSIDER, outsider);
        // channels are created by a plain MEMBER, whose power comes from the channel role only
        creator = newUser();
        upstream().addMember(workspace, creator, WorkspaceRole.MEMBER);
        channelAdmin = newUser();
        upstream().addMember(workspace, channelAdmin, WorkspaceRole.MEMBER);
        channelMember = newUser();
        upstream().addMember(workspace, channelMember, WorkspaceRole.MEMBER);
    }

    /** A channel created by {@code creator}, with channelAdmin as ADMIN and channelMember as MEMBER. */
    private UUID channel(boolean isPrivate) {
        UUID id = createChannel(
                creator, workspace, "c-" + UuidV7.next().toString().substring(24), isPrivate);
        assertThat(api(creator)
                        .post("/api/channels/" + id + "/members", Map.of("userId", channelAdmin))
                        .status())
                .isEqualTo(201);
        assertThat(api(creator)
                        .patch("/api/channels/" + id + "/members/" + channelAdmin, Map.of("role", "ADMIN"))
                        .status())
                .isEqualTo(200);
        assertThat(api(creator)
                        .post("/api/channels/" + id + "/members", Map.of("userId", channelMember))
                        .status())
                .isEqualTo(201);
        return id;
    }

    private void expect(
            SoftAssertions soft, Map<Who, Integer> expected, BiFunction<Who, UUID, Response> call, String action) {
        expected.forEach((who, status) -> {
            Response response = call.apply(who, users.get(who));
            soft.assertThat(response.status())
                    .as("%s by workspace %s: %s", action, who, response)
                    .isEqualTo(status);
        });
    }

    private static Map<Who, Integer> statuses(
            int owner, int admin, int moderator, int member, int guest, int outsider) {
        Map<Who, Integer> map = new EnumMap<>(Who.class);
        map.put(Who.OWNER, owner);
        map.put(Who.ADMIN, admin);
        map.put(Who.MODERATOR, moderator);
        map.put(Who.MEMBER, member);
        map.put(Who.GUEST, guest);
        map.put(Who.OUTSIDER, outsider);
        return map;
    }

    private static Map<Who, Integer> only(Map<Who, Integer> statuses, Who... callers) {
        Map<Who, Integer> subset = new EnumMap<>(Who.class);
        for (Who who : callers) {
            subset.put(who, statuses.get(who));
        }
        return subset;
    }

    @Test
    void workspaceRolesOnAPublicChannelTheyAreNotIn() {
        SoftAssertions soft = new SoftAssertions();
        UUID pub = channel(false);
        expect(
                soft,
                statuses(200, 200, 200, 200, 200, 404),
                (who, user) -> api(user).get("/api/channels/" + pub),
                "read");
        expect(
                soft,
                statuses(200, 200, 200, 200, 200, 404),
                (who, user) -> api(user).get("/api/channels/" + pub + "/members"),
                "list members");
        expect(
                soft,
                statuses(200, 200, 403, 403, 403, 404),
                (who, user) -> api(user).patch("/api/channels/" + pub, Map.of("topic", "by " + who)),
                "update");
        expect(
                soft,
                statuses(403, 403, 403, 403, 403, 404),
                (who, user) -> api(user).post("/api/channels/" + pub + "/members", Map.of("userId", channelAdmin)),
                "add member without being in the channel");
        expect(
                soft,
                statuses(403, 403, 403, 403, 403, 404),
                (who, user) -> api(user).put("/api/channels/" + pub + "/read", Map.of("messageId", UuidV7.next())),
                "mark read without being in the channel");
        expect(
                soft,
                statuses(403, 403, 403, 403, 403, 404),
                (who, user) -> api(user).patch("/api/channels/" + pub + "/members/me", Map.of("isMuted", true)),
                "mute without being in the channel");
        // archive / unarchive: forbidden roles first, while the channel is live
        expect(
                soft,
                only(statuses(403, 403, 403, 403, 403, 404), Who.MODERATOR, Who.MEMBER, Who.GUEST, Who.OUTSIDER),
                (who, user) -> api(user).post("/api/channels/" + pub + "/archive", null),
                "archive");
        soft.assertThat(api(creator)
                        .get("/api/channels/" + pub)
                        .json()
                        .get("isArchived")
                        .asBoolean())
                .as("nothing archived by the refused calls")
                .isFalse();
        for (Who who : List.of(Who.OWNER, Who.ADMIN)) {
            soft.assertThat(api(users.get(who))
                            .post("/api/channels/" + pub + "/archive", null)
                            .status())
                    .as("archive by workspace %s", who)
                    .isEqualTo(200);
            for (Who refused : List.of(Who.MODERATOR, Who.MEMBER, Who.GUEST, Who.OUTSIDER)) {
                soft.assertThat(api(users.get(refused))
                                .post("/api/channels/" + pub + "/unarchive", null)
                                .status())
                        .as("unarchive by workspace %s", refused)
                        .isEqualTo(refused == Who.OUTSIDER ? 404 : 403);
            }
            soft.assertThat(api(users.get(who))
                            .post("/api/channels/" + pub + "/unarchive", null)
                            .status())
                    .as("unarchive by workspace %s", who)
                    .isEqualTo(200);
        }
        // removing a channel member
        expect(
                soft,
                statuses(204, 204, 403, 403, 403, 404),
                (who, user) -> {
                    api(creator).post("/api/channels/" + pub + "/members", Map.of("userId", channelMember));
                    return api(user).delete("/api/channels/" + pub + "/members/" + channelMember);
                },
                "remove a member");
        // join, then add as a channel member (public: any channel member may add)
        expect(
                soft,
                statuses(200, 200, 200, 200, 200, 404),
                (who, user) -> api(user).post("/api/channels/" + pub + "/join", null),
                "join");
        UUID newcomer = newUser();
        upstream().addMember(workspace, newcomer, WorkspaceRole.MEMBER);
        expect(
                soft,
                statuses(201, 200, 200, 200, 200, 404),
                (who, user) -> api(user).post("/api/channels/" + pub + "/members", Map.of("userId", newcomer)),
                "add member as a channel member");
        // a channel MEMBER's workspace role decides management: MODERATOR/MEMBER/GUEST still cannot
        expect(
                soft,
                statuses(200, 200, 403, 403, 403, 404),
                (who, user) -> api(user).patch("/api/channels/" + pub, Map.of("topic", "member " + who)),
                "update as a channel member");
        soft.assertAll();
    }

    @Test
    void deleteNeedsChannelOwnerOrAdminOrWorkspaceAdmin() {
        SoftAssertions soft = new SoftAssertions();
        expect(
                soft,
                statuses(204, 204, 403, 403, 403, 404),
                (who, user) -> api(user).delete("/api/channels/" + channel(false)),
                "delete a public channel");
        UUID byOwner = channel(false);
        soft.assertThat(api(creator).delete("/api/channels/" + byOwner).status())
                .isEqualTo(204);
        UUID byAdmin = channel(true);
        soft.assertThat(api(channelAdmin).delete("/api/channels/" + byAdmin).status())
                .isEqualTo(204);
        UUID byMember = channel(false);
        soft.assertThat(api(channelMember).delete("/api/channels/" + byMember).status())
                .isEqualTo(403);
        soft.assertThat(api(creator).get("/api/channels/" + byMember).status()).isEqualTo(200);
        soft.assertAll();
    }

    @Test
    void workspaceLevelActions() {
        SoftAssertions soft = new SoftAssertions();
        expect(
                soft,
                statuses(201, 201, 201, 201, 403, 404),
                (who, user) -> api(user)
                        .post(
                                "/api/workspaces/" + workspace + "/channels",
                                Map.of("name", "new-by-" + who.name().toLowerCase())),
                "create");
        soft.assertThat(jdbc.queryForObject("select count(*) from channels where name = 'new-by-guest'", Integer.class))
                .as("guest created nothing")
                .isZero();
        expect(
                soft,
                statuses(200, 200, 200, 200, 200, 404),
                (who, user) -> api(user).get("/api/workspaces/" + workspace + "/channels"),
                "list");
        expect(
                soft,
                statuses(200, 200, 200, 200, 200, 404),
                (who, user) -> api(user).get("/api/workspaces/" + workspace + "/unread"),
                "unread summary");
        UUID first = generalOf(workspace);
        List<Integer> before = jdbc.queryForList(
                "select position from channels where workspace_id = ? order by id", Integer.class, workspace);
        expect(
                soft,
                only(statuses(403, 403, 403, 403, 403, 404), Who.MODERATOR, Who.MEMBER, Who.GUEST, Who.OUTSIDER),
                (who, user) -> api(user)
                        .put("/api/workspaces/" + workspace + "/channels/order", Map.of("channelIds", List.of(first))),
                "reorder");
        soft.assertThat(jdbc.queryForList(
                        "select position from channels where workspace_id = ? order by id", Integer.class, workspace))
                .as("S4: positions unchanged")
                .isEqualTo(before);
        expect(
                soft,
                only(statuses(200, 200, 200, 200, 200, 404), Who.OWNER, Who.ADMIN),
                (who, user) -> api(user)
                        .put("/api/workspaces/" + workspace + "/channels/order", Map.of("channelIds", List.of(first))),
                "reorder");
        soft.assertAll();
    }

    @Test
    void channelRolesDecideForPlainWorkspaceMembers() {
        SoftAssertions soft = new SoftAssertions();
        UUID pub = channel(false);
        UUID priv = channel(true);
        for (UUID id : List.of(pub, priv)) {
            soft.assertThat(api(creator)
                            .patch("/api/channels/" + id, Map.of("topic", "owner"))
                            .status())
                    .isEqualTo(200);
            soft.assertThat(api(channelAdmin)
                            .patch("/api/channels/" + id, Map.of("topic", "admin"))
                            .status())
                    .isEqualTo(200);
            soft.assertThat(api(channelMember)
                            .patch("/api/channels/" + id, Map.of("topic", "member"))
                            .status())
                    .isEqualTo(403);
            soft.assertThat(api(channelMember)
                            .post("/api/channels/" + id + "/archive", null)
                            .status())
                    .isEqualTo(403);
            soft.assertThat(api(channelAdmin)
                            .post("/api/channels/" + id + "/archive", null)
                            .status())
                    .isEqualTo(200);
            soft.assertThat(api(creator)
                            .post("/api/channels/" + id + "/unarchive", null)
                            .status())
                    .isEqualTo(200);
            soft.assertThat(api(channelMember)
                            .patch("/api/channels/" + id + "/members/" + channelAdmin, Map.of("role", "MEMBER"))
                            .status())
                    .as("member demotes admin")
                    .isEqualTo(403);
            soft.assertThat(api(channelAdmin)
                            .delete("/api/channels/" + id + "/members/" + creator)
                            .status())
                    .as("channel admin removes the channel owner")
                    .isEqualTo(403);
            soft.assertThat(api(channelMember)
                            .delete("/api/channels/" + id + "/members/" + channelAdmin)
                            .status())
                    .as("channel member removes the admin")
                    .isEqualTo(403);
            soft.assertThat(api(creator)
                            .patch("/api/channels/" + id + "/members/" + creator, Map.of("role", "MEMBER"))
                            .status())
                    .as("owner's role is fixed")
                    .isEqualTo(409);
            soft.assertThat(api(creator)
                            .patch("/api/channels/" + id + "/members/" + channelMember, Map.of("role", "OWNER"))
                            .status())
                    .as("OWNER cannot be given")
                    .isEqualTo(400);
        }
        // adding to a private channel: channel ADMIN+ only; to a public one: any channel member
        UUID extra = newUser();
        upstream().addMember(workspace, extra, WorkspaceRole.MEMBER);
        soft.assertThat(api(channelMember)
                        .post("/api/channels/" + priv + "/members", Map.of("userId", extra))
                        .status())
                .isEqualTo(403);
        soft.assertThat(api(channelAdmin)
                        .post("/api/channels/" + priv + "/members", Map.of("userId", extra))
                        .status())
                .isEqualTo(201);
        soft.assertThat(api(channelMember)
                        .post("/api/channels/" + pub + "/members", Map.of("userId", extra))
                        .status())
                .isEqualTo(201);
        soft.assertThat(api(channelAdmin)
                        .delete("/api/channels/" + priv + "/members/" + extra)
                        .status())
                .isEqualTo(204);
        // workspace OWNER removes the channel owner
        soft.assertThat(api(users.get(Who.OWNER))
                        .delete("/api/channels/" + pub + "/members/" + creator)
                        .status())
                .isEqualTo(204);
        soft.assertAll();
    }

    @Test
    void privateChannelsAre404ForEveryNonMemberIncludingWorkspaceAdmins() {
        SoftAssertions soft = new SoftAssertions();
        UUID priv = channel(true);
        Map<Who, Integer> hidden = statuses(404, 404, 404, 404, 404, 404);
        String path = "/api/channels/" + priv;
        expect(soft, hidden, (who, user) -> api(user).get(path), "read private");
        expect(soft, hidden, (who, user) -> api(user).post(path + "/join", null), "join private");
        expect(soft, hidden, (who, user) -> api(user).get(path + "/members"), "list private members");
        expect(soft, hidden, (who, user) -> api(user).patch(path, Map.of("topic", "x")), "update private");
        expect(soft, hidden, (who, user) -> api(user).delete(path), "delete private");
        expect(soft, hidden, (who, user) -> api(user).post(path + "/archive", null), "archive private");
        expect(
                soft,
                hidden,
                (who, user) -> api(user).post(path + "/members", Map.of("userId", user)),
                "add to private");
        expect(
                soft,
                hidden,
                (who, user) -> api(user).delete(path + "/members/" + channelMember),
                "remove from private");
        expect(
                soft,
                hidden,
                (who, user) -> api(user).patch(path + "/members/me", Map.of("isMuted", true)),
                "mute private");
        expect(
                soft,
                hidden,
                (who, user) -> api(user).put(path + "/read", Map.of("messageId", UuidV7.next())),
                "mark private read");
        for (Who who : List.of(Who.OWNER, Who.ADMIN, Who.MEMBER)) {
            Response list = api(users.get(who)).get("/api/workspaces/" + workspace + "/channels?limit=200");
            soft.assertThat(list.body())
                    .as("private channel listed for %s", who)
                    .doesNotContain(priv.toString());
        }
        Response notFound = api(users.get(Who.ADMIN)).get(path);
        soft.assertThat(notFound.body()).doesNotContain(priv.toString().substring(0, 8) + "\",\"name");
        soft.assertThat(api(creator).get(path).status()).as("still there").isEqualTo(200);
        soft.assertThat(jdbc.queryForObject(
                        "select count(*) from channel_members where channel_id = ?", Integer.class, priv))
                .as("nobody got in")
                .isEqualTo(3);
        // once a workspace ADMIN is a member, workspace ADMIN+ powers apply
        UUID admin = users.get(Who.ADMIN);
        soft.assertThat(api(creator)
                        .post(path + "/members", Map.of("userId", admin))
                        .status())
                .isEqualTo(201);
        soft.assertThat(api(admin)
                        .patch(path, Map.of("topic", "admin was here"))
                        .status())
                .isEqualTo(200);
        soft.assertAll();
    }

    @Test
    void aMemberOfOneWorkspaceFindsNothingOfAnother() {
        UUID outsider = users.get(Who.OUTSIDER);
        UUID pub = channel(false);
        UUID general = generalOf(workspace);
        for (UUID id : List.of(pub, general)) {
            assertProblem(api(outsider).get("/api/channels/" + id), 404);
            assertProblem(api(outsider).post("/api/channels/" + id + "/join", null), 404);
            assertProblem(api(outsider).get("/api/channels/" + id + "/members"), 404);
        }
        assertProblem(api(outsider).get("/api/workspaces/" + workspace + "/channels"), 404);
        assertProblem(api(outsider).get("/api/workspaces/" + workspace + "/unread"), 404);
        assertProblem(
                api(outsider).post("/api/workspaces/" + workspace + "/channels", Map.of("name", "intruder")), 404);
        // and the other way round: adding a user of another workspace
        assertProblem(api(creator).post("/api/channels/" + pub + "/members", Map.of("userId", outsider)), 404);
        Response missing = api(outsider).get("/api/channels/" + UuidV7.next());
        Response foreign = api(outsider).get("/api/channels/" + pub);
        assertThat(foreign.status()).isEqualTo(missing.status());
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(foreign.body()).doesNotContain(workspace.toString());
    }
}
