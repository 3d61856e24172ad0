package dev.connectnow.channel;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.channel.support.IntegrationTestBase;
import dev.connectnow.channel.support.Upstream;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Every row of the Channels API, its validation, and the S5/S6/S14/S17 rows that touch it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelApiTest extends IntegrationTestBase {

    private UUID owner;
    private UUID member;
    private UUID other;
    private UUID outsider;
    private UUID workspace;
    private ApiClient asOwner;
    private ApiClient asMember;

    @BeforeAll
    void workspaceWithMembers() {
        owner = newUser();
        member = newUser();
        other = newUser();
        outsider = newUser();
        workspace = upstream().createWorkspace(owner);
        upstream().addMember(workspace, member, WorkspaceRole.MEMBER);
        upstream().addMember(workspace, other, WorkspaceRole.MEMBER);
        asOwner = api(owner);
        asMember = api(member);
    }

    private String channels() {
        return "/api/workspaces/" + workspace + "/channels";
    }

    @Test
    void createReturns201WithTheResourceAndMakesTheCreatorOwnerAtTheEnd() {
        int before = asMember.get(channels() + "?limit=200").json().get("items").size();
        Response created = asMember.post(
                channels(),
                Map.of(
                        "name",
                        "  Design Team ",
                        "description",
                        "Pixels",
                        "topic",
                        "Q3 launch",
                        "type",
                        "VOICE",
                        "isPrivate",
                        false));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode body = created.json();
        UUID id = UUID.fromString(body.get("id").asString());
        assertThat(created.header("Location")).contains("/api/channels/" + id);
        assertThat(body.get("workspaceId").asString()).isEqualTo(workspace.toString());
        assertThat(body.get("name").asString()).isEqualTo("design-team");
        assertThat(body.get("description").asString()).isEqualTo("Pixels");
        assertThat(body.get("topic").asString()).isEqualTo("Q3 launch");
        assertThat(body.get("type").asString()).isEqualTo("VOICE");
        assertThat(body.get("isPrivate").asBoolean()).isFalse();
        assertThat(body.get("isArchived").asBoolean()).isFalse();
        assertThat(body.get("position").asInt()).isEqualTo(before);
        assertThat(body.get("createdAt").asString()).isNotBlank();
        assertThat(body.get("lastMessageAt").isNull()).isTrue();
        assertThat(fieldNames(body))
                .containsExactlyInAnyOrder(
                        "id",
                        "workspaceId",
                        "name",
                        "description",
                        "topic",
                        "type",
                        "isPrivate",
                        "isArchived",
                        "position",
                        "createdAt",
                        "lastMessageAt");

        JsonNode members =
                asMember.get("/api/channels/" + id + "/members").json().get("items");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("userId").asString()).isEqualTo(member.toString());
        assertThat(members.get(0).get("role").asString()).isEqualTo("OWNER");

        Response defaults = asMember.post(channels(), Map.of("name", "defaults"));
        assertThat(defaults.status()).isEqualTo(201);
        assertThat(defaults.text("type")).isEqualTo("TEXT");
        assertThat(defaults.json().get("isPrivate").asBoolean()).isFalse();
        assertThat(defaults.json().get("position").asInt()).isEqualTo(before + 1);
    }

    @Test
    void duplicateNamesAreConflictsAfterNormalization() {
        createChannel(owner, workspace, "dup-name", false);
        assertProblem(asMember.post(channels(), Map.of("name", "DUP-NAME")), 409);
        assertProblem(asMember.post(channels(), Map.of("name", "general")), 409);
        UUID second = createChannel(owner, workspace, "dup-second", false);
        assertProblem(asOwner.patch("/api/channels/" + second, Map.of("name", "Dup-Name")), 409);
    }

    @Test
    void invalidInputIs400WithFieldErrorsAndLengthsCountCodePoints() {
        assertFieldErrors(asMember.post(channels(), Map.of("description", "no name")), "name");
        assertFieldErrors(asMember.post(channels(), Map.of("name", "bad name!")), "name");
        assertFieldErrors(asMember.post(channels(), Map.of("name", "' OR 1=1--")), "name");
        assertFieldErrors(asMember.post(channels(), Map.of("name", "   ")), "name");
        assertFieldErrors(asMember.post(channels(), Map.of("name", "ünïcode")), "name");
        assertFieldErrors(asMember.post(channels(), Map.of("name", "a".repeat(81))), "name");
        assertThat(asMember.post(channels(), Map.of("name", "b".repeat(80))).status())
                .isEqualTo(201);

        String emoji = "\uD83D\uDC69\u200D\uD83D\uDCBB"; // woman technologist: 3 code points, 5 UTF-16 units
        String topic250 = emoji.repeat(83) + "x"; // 250 code points, 416 UTF-16 units
        Response ok = asMember.post(
                channels(),
                Map.of("name", "emoji-topic", "topic", topic250, "description", "\u202Eright-to-left" + emoji));
        assertThat(ok.status()).as("%s", ok).isEqualTo(201);
        assertThat(ok.text("topic")).isEqualTo(topic250);
        JsonNode read = asMember.get("/api/channels/" + ok.text("id")).json();
        assertThat(read.get("topic").asString()).isEqualTo(topic250);
        assertThat(read.get("description").asString()).isEqualTo("\u202Eright-to-left" + emoji);

        assertFieldErrors(asMember.post(channels(), Map.of("name", "long-topic", "topic", topic250 + "y")), "topic");
        assertFieldErrors(
                asMember.post(channels(), Map.of("name", "long-desc", "description", "d".repeat(1001))), "description");
        assertThat(asMember.post(channels(), Map.of("name", "desc-1000", "description", "d".repeat(1000)))
                        .status())
                .isEqualTo(201);
        assertProblem(asMember.post(channels(), Map.of("name", "bad-type", "type", "CHAT")), 400);
        assertFieldErrors(asMember.post(channels(), Map.of("name", "unknown-field", "color", "red")), "color");
        assertProblem(asMember.post(channels(), "{\"name\": \"nul\u0000name\"}"), 400);
        assertProblem(asMember.post(channels(), Map.of("name", "nul-topic", "topic", "a\u0000b")), 400);
        assertProblem(asMember.post(channels(), "{\"name\": "), 400);
        assertProblem(asMember.post(channels(), "[]"), 400);
        assertProblem(asMember.get("/api/channels/not-a-uuid"), 400);
        assertProblem(asMember.post("/api/workspaces/not-a-uuid/channels", Map.of("name", "x")), 400);
        assertThat(jdbc.queryForObject(
                        "select count(*) from channels where name in ('long-topic', 'long-desc', "
                                + "'bad-type', 'unknown-field', 'nul-topic')",
                        Integer.class))
                .isZero();
    }

    @Test
    void listShowsVisibleChannelsByPositionWithMembershipAndPagesByCursor() {
        UUID ws = upstream().createWorkspace(owner);
        upstream().addMember(ws, member, WorkspaceRole.MEMBER);
        UUID pub = createChannel(owner, ws, "pub", false);
        UUID secret = createChannel(owner, ws, "secret", true);
        UUID mine = createChannel(member, ws, "mine", true);

        JsonNode page = asMember.get("/api/workspaces/" + ws + "/channels").json();
        assertThat(page.has("nextCursor")).isTrue();
        assertThat(page.get("nextCursor").isNull()).isTrue();
        List<String> names = names(page);
        assertThat(names).containsExactly("general", "pub", "mine");
        assertThat(item(page, pub).get("isMember").asBoolean()).isFalse();
        assertThat(item(page, pub).get("unreadCount").asLong()).isZero();
        assertThat(item(page, mine).get("isMember").asBoolean()).isTrue();
        assertThat(item(page, generalOf(ws)).get("isMember").asBoolean()).isTrue();
        assertThat(item(page, secret)).isNull();
        assertThat(names(asOwner.get("/api/workspaces/" + ws + "/channels").json()))
                .containsExactly("general", "pub", "secret");

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode p = asOwner.get(
                            "/api/workspaces/" + ws + "/channels?limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            walked.addAll(names(p));
            cursor = p.get("nextCursor").isNull() ? null : p.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(walked).containsExactly("general", "pub", "secret");

        assertFieldErrors(asOwner.get("/api/workspaces/" + ws + "/channels?limit=0"), "limit");
        assertProblem(asOwner.get("/api/workspaces/" + ws + "/channels?cursor=%25%25garbage"), 400);
        assertProblem(asOwner.get("/api/workspaces/" + ws + "/channels?cursor=bm90LWEtbnVtYmVyCnh5eg"), 400);
        assertProblem(asOwner.get("/api/workspaces/" + ws + "/channels?limit=abc"), 400);
    }

    @Test
    void pageSizeIsCappedAndOversizedBodiesAre413() {
        UUID ws = upstream().createWorkspace(owner);
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < 205; i++) {
            jdbc.update("""
                    insert into channels (id, workspace_id, name, type, position, created_by, created_at, updated_at)
                    values (?, ?, ?, 'TEXT', ?, ?, ?, ?)""", UuidV7.next(), ws, "bulk-" + i, i + 1, owner, now, now);
        }
        JsonNode capped =
                asOwner.get("/api/workspaces/" + ws + "/channels?limit=1000").json();
        assertThat(capped.get("items")).hasSize(200);
        assertThat(capped.get("nextCursor").isNull()).isFalse();
        JsonNode rest = asOwner.get("/api/workspaces/" + ws + "/channels?limit=1000&cursor="
                        + capped.get("nextCursor").asString())
                .json();
        assertThat(rest.get("items")).hasSize(6); // 205 + general
        assertThat(rest.get("nextCursor").isNull()).isTrue();

        Response tooLarge = asOwner.post(channels(), Map.of("name", "huge", "description", "x".repeat(300_000)));
        assertProblem(tooLarge, 413);
        assertThat(jdbc.queryForObject("select count(*) from channels where name = 'huge'", Integer.class))
                .isZero();
    }

    @Test
    void nameFilterTreatsWildcardsAndQuotesLiterally() {
        UUID ws = upstream().createWorkspace(owner);
        createChannel(owner, ws, "a_b", false);
        createChannel(owner, ws, "axb", false);
        createChannel(owner, ws, "a-b", false);
        String base = "/api/workspaces/" + ws + "/channels?q=";

        assertThat(names(asOwner.get(base + encode("_")).json())).containsExactly("a_b");
        assertThat(names(asOwner.get(base + encode("A_B")).json())).containsExactly("a_b");
        assertThat(names(asOwner.get(base + encode("%")).json())).isEmpty();
        assertThat(names(asOwner.get(base + encode("a%b")).json())).isEmpty();
        assertThat(names(asOwner.get(base + encode("\\")).json())).isEmpty();
        Response injection = asOwner.get(base + encode("' OR 1=1--"));
        assertThat(injection.status()).isEqualTo(200);
        assertThat(names(injection.json())).isEmpty();
        assertThat(names(asOwner.get(base + encode("b")).json())).containsExactly("a_b", "axb", "a-b");
        assertFieldErrors(asOwner.get(base + "x".repeat(81)), "q");

        // text fields keep such input byte for byte
        String literal = "100% _done_ \\o/ ' OR 1=1--";
        Response created = asOwner.post(
                "/api/workspaces/" + ws + "/channels",
                Map.of("name", "literal", "description", literal, "topic", literal));
        assertThat(created.status()).isEqualTo(201);
        assertThat(asOwner.get("/api/channels/" + created.text("id")).text("description"))
                .isEqualTo(literal);
        // the filter stays within the caller's workspace and visibility
        UUID otherWs = upstream().createWorkspace(other);
        createChannel(other, otherWs, "a_b", false);
        assertThat(asOwner.get(base + encode("_")).json().get("items")).hasSize(1);
    }

    @Test
    void readUpdateAndDeleteAChannel() {
        UUID id = createChannel(member, workspace, "to-change", false);
        JsonNode read = asOwner.get("/api/channels/" + id).json();
        assertThat(read.get("name").asString()).isEqualTo("to-change");
        assertThat(fieldNames(read))
                .containsExactlyInAnyOrder(
                        "id",
                        "workspaceId",
                        "name",
                        "description",
                        "topic",
                        "type",
                        "isPrivate",
                        "isArchived",
                        "position",
                        "createdAt",
                        "lastMessageAt");

        Response updated = asMember.patch(
                "/api/channels/" + id,
                Map.of(
                        "name",
                        "Changed Name",
                        "description",
                        "new description",
                        "topic",
                        "new topic",
                        "isPrivate",
                        true));
        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        assertThat(updated.text("name")).isEqualTo("changed-name");
        assertThat(updated.text("description")).isEqualTo("new description");
        assertThat(updated.text("topic")).isEqualTo("new topic");
        assertThat(updated.json().get("isPrivate").asBoolean()).isTrue();
        assertThat(asMember.get("/api/channels/" + id).text("name")).isEqualTo("changed-name");

        Response cleared = asMember.patch("/api/channels/" + id, Map.of("description", "", "isPrivate", false));
        assertThat(cleared.json().get("description").isNull()).isTrue();
        assertThat(cleared.text("topic")).isEqualTo("new topic");
        assertThat(cleared.json().get("isPrivate").asBoolean()).isFalse();
        assertThat(asMember.patch("/api/channels/" + id, Map.of()).status()).isEqualTo(200);
        Response nullCleared = asMember.patch("/api/channels/" + id, "{\"topic\":null}");
        assertThat(nullCleared.json().get("topic").isNull())
                .as("null clears an optional field")
                .isTrue();
        assertThat(nullCleared.text("name")).isEqualTo("changed-name");
        assertFieldErrors(asMember.patch("/api/channels/" + id, Map.of("name", "no spaces!")), "name");
        assertFieldErrors(asMember.patch("/api/channels/" + id, Map.of("topic", "t".repeat(251))), "topic");
        assertFieldErrors(
                asMember.patch("/api/channels/" + id, "{\"name\":null,\"isPrivate\":null}"), "name", "isPrivate");
        assertThat(asMember.get("/api/channels/" + id).text("name")).isEqualTo("changed-name");

        assertThat(asMember.delete("/api/channels/" + id).status()).isEqualTo(204);
        assertProblem(asMember.get("/api/channels/" + id), 404);
        assertProblem(asMember.get("/api/channels/" + id + "/members"), 404);
        assertProblem(asMember.delete("/api/channels/" + id), 404);
        assertThat(jdbc.queryForObject("select count(*) from channel_members where channel_id = ?", Integer.class, id))
                .isZero();
    }

    @Test
    void massAssignmentIsRejectedAndChangesNothing() {
        UUID id = createChannel(member, workspace, "mass-assign", false);
        UUID otherWorkspace = UuidV7.next();
        assertFieldErrors(asMember.patch("/api/channels/" + id, Map.of("workspaceId", otherWorkspace)), "workspaceId");
        assertFieldErrors(asMember.patch("/api/channels/" + id, Map.of("lastMessageSeq", 99)), "lastMessageSeq");
        assertFieldErrors(
                asMember.patch("/api/channels/" + id, Map.of("topic", "sneaky", "isArchived", true)), "isArchived");
        assertFieldErrors(asMember.patch("/api/channels/" + id, Map.of("type", "VOICE")), "type");
        assertFieldErrors(asMember.patch("/api/channels/" + id, Map.of("position", 0)), "position");
        assertFieldErrors(asMember.post(channels(), Map.of("name", "with-seq", "lastMessageSeq", 5)), "lastMessageSeq");
        Map<String, Object> row = jdbc.queryForMap("""
                select workspace_id, last_message_seq, topic, type, is_archived, version from channels
                where id = ?""", id);
        assertThat(row.get("workspace_id")).isEqualTo(workspace);
        assertThat(row.get("last_message_seq")).isEqualTo(0L);
        assertThat(row.get("topic")).isNull();
        assertThat(row.get("type")).isEqualTo("TEXT");
        assertThat(row.get("is_archived")).isEqualTo(false);
        assertThat(row.get("version")).isEqualTo(0L);
        // a member cannot make themselves channel OWNER/ADMIN either
        assertThat(asMember.post("/api/channels/" + id + "/join", null).status())
                .isEqualTo(200);
        assertFieldErrors(
                asMember.patch("/api/channels/" + id + "/members/me", Map.of("isMuted", true, "role", "OWNER")),
                "role");
    }

    @Test
    void generalCannotBeDeletedRenamedArchivedMadePrivateOrLeft() {
        UUID general = generalOf(workspace);
        assertProblem(asOwner.delete("/api/channels/" + general), 409);
        assertProblem(asOwner.patch("/api/channels/" + general, Map.of("isPrivate", true)), 409);
        assertProblem(asOwner.patch("/api/channels/" + general, Map.of("name", "lobby")), 409);
        assertProblem(asOwner.post("/api/channels/" + general + "/archive", null), 409);
        assertProblem(asMember.delete("/api/channels/" + general + "/members/me"), 409);
        assertProblem(asOwner.delete("/api/channels/" + general + "/members/" + member), 409);
        Response topic = asOwner.patch("/api/channels/" + general, Map.of("topic", "Announcements"));
        assertThat(topic.status()).isEqualTo(200);
        assertThat(topic.text("name")).isEqualTo("general");
        assertThat(asMember.get("/api/channels/" + general)
                        .json()
                        .get("isPrivate")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void archivingIsIdempotentAndFreezesTheChannelButNotPersonalState() {
        UUID id = createChannel(member, workspace, "to-archive", false);
        Response archived = asMember.post("/api/channels/" + id + "/archive", null);
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().get("isArchived").asBoolean()).isTrue();
        assertThat(asMember.post("/api/channels/" + id + "/archive", null)
                        .json()
                        .get("isArchived")
                        .asBoolean())
                .isTrue();

        assertProblem(asMember.patch("/api/channels/" + id, Map.of("topic", "frozen")), 409);
        assertProblem(api(other).post("/api/channels/" + id + "/join", null), 409);
        assertProblem(asMember.post("/api/channels/" + id + "/members", Map.of("userId", other)), 409);
        assertThat(asMember.patch("/api/channels/" + id + "/members/me", Map.of("isMuted", true))
                        .status())
                .isEqualTo(200);
        assertThat(asMember.get("/api/channels/" + id).json().get("isArchived").asBoolean())
                .isTrue();

        Response unarchived = asMember.post("/api/channels/" + id + "/unarchive", null);
        assertThat(unarchived.status()).isEqualTo(200);
        assertThat(unarchived.json().get("isArchived").asBoolean()).isFalse();
        assertThat(asMember.post("/api/channels/" + id + "/unarchive", null).status())
                .isEqualTo(200);
        assertThat(asMember.patch("/api/channels/" + id, Map.of("topic", "thawed"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void reorderPutsTheListedChannelsFirstAndRejectsForeignIds() {
        UUID ws = upstream().createWorkspace(owner);
        upstream().addMember(ws, member, WorkspaceRole.MEMBER);
        UUID general = generalOf(ws);
        UUID one = createChannel(owner, ws, "one", false);
        UUID two = createChannel(owner, ws, "two", false);
        UUID hidden = createChannel(member, ws, "hidden", true);
        String order = "/api/workspaces/" + ws + "/channels/order";

        Response reordered = asOwner.put(order, Map.of("channelIds", List.of(two, one)));
        assertThat(reordered.status()).as("%s", reordered).isEqualTo(200);
        JsonNode items = reordered.json().get("items");
        assertThat(items).hasSize(3); // the owner does not see the private channel
        assertThat(items.get(0).get("channelId").asString()).isEqualTo(two.toString());
        assertThat(items.get(0).get("position").asInt()).isEqualTo(0);
        assertThat(items.get(1).get("channelId").asString()).isEqualTo(one.toString());
        assertThat(items.get(1).get("position").asInt()).isEqualTo(1);
        assertThat(items.get(2).get("channelId").asString()).isEqualTo(general.toString());
        assertThat(items.get(2).get("position").asInt()).isEqualTo(2);
        assertThat(names(asOwner.get("/api/workspaces/" + ws + "/channels").json()))
                .containsExactly("two", "one", "general");
        assertThat(names(asMember.get("/api/workspaces/" + ws + "/channels").json()))
                .containsExactly("two", "one", "general", "hidden");

        assertFieldErrors(asOwner.put(order, Map.of("channelIds", List.of(one, UuidV7.next()))), "channelIds");
        assertFieldErrors(asOwner.put(order, Map.of("channelIds", List.of(one, one))), "channelIds");
        assertFieldErrors(asOwner.put(order, Map.of("channelIds", List.of())), "channelIds");
        assertFieldErrors(asOwner.put(order, Map.of("channelIds", List.of(generalOf(workspace)))), "channelIds");
        assertFieldErrors(asOwner.put(order, Map.of("channelIds", List.of(hidden))), "channelIds");
        assertFieldErrors(asOwner.put(order, Map.of()), "channelIds");
        assertThat(names(asOwner.get("/api/workspaces/" + ws + "/channels").json()))
                .containsExactly("two", "one", "general");
    }

    @Test
    void joinAddListMuteLeaveAndRemoveMembers() {
        UUID pub = createChannel(owner, workspace, "members-pub", false);
        UUID priv = createChannel(owner, workspace, "members-priv", true);

        Response joined = asMember.post("/api/channels/" + pub + "/join", null);
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.text("userId")).isEqualTo(member.toString());
        assertThat(joined.text("role")).isEqualTo("MEMBER");
        assertThat(joined.json().get("isMuted").asBoolean()).isFalse();
        assertThat(joined.text("joinedAt")).isNotBlank();
        Response again = asMember.post("/api/channels/" + pub + "/join", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("joinedAt")).isEqualTo(joined.text("joinedAt"));
        assertProblem(asMember.post("/api/channels/" + priv + "/join", null), 404);

        Response added = asOwner.post("/api/channels/" + priv + "/members", Map.of("userId", member));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.text("role")).isEqualTo("MEMBER");
        assertThat(asOwner.post("/api/channels/" + priv + "/members", Map.of("userId", member))
                        .status())
                .isEqualTo(200);
        assertProblem(asOwner.post("/api/channels/" + priv + "/members", Map.of("userId", outsider)), 404);
        assertFieldErrors(asOwner.post("/api/channels/" + priv + "/members", Map.of()), "userId");
        assertProblem(asOwner.post("/api/channels/" + priv + "/members", Map.of("userId", "nope")), 400);
        // public channel: any channel member may add a workspace member
        assertThat(asMember.post("/api/channels/" + pub + "/members", Map.of("userId", other))
                        .status())
                .isEqualTo(201);

        JsonNode firstPage =
                asOwner.get("/api/channels/" + pub + "/members?limit=2").json();
        assertThat(firstPage.get("items")).hasSize(2);
        JsonNode secondPage = asOwner.get("/api/channels/" + pub + "/members?limit=2&cursor="
                        + firstPage.get("nextCursor").asString())
                .json();
        assertThat(secondPage.get("items")).hasSize(1);
        assertThat(secondPage.get("nextCursor").isNull()).isTrue();
        Set<String> users = new HashSet<>();
        firstPage.get("items").forEach(m -> users.add(m.get("userId").asString()));
        secondPage.get("items").forEach(m -> users.add(m.get("userId").asString()));
        assertThat(users).containsExactlyInAnyOrder(owner.toString(), member.toString(), other.toString());
        JsonNode ownerRow = item(firstPage, owner);
        assertThat(ownerRow.get("role").asString()).isEqualTo("OWNER");
        assertThat(fieldNames(ownerRow))
                .contains("userId", "role", "isMuted", "lastReadAt", "lastReadMessageId", "joinedAt");
        assertProblem(asOwner.get("/api/channels/" + pub + "/members?limit=-1"), 400);
        assertThat(asOwner.get("/api/channels/" + pub + "/members?limit=5000").status())
                .isEqualTo(200);

        Response muted = asMember.patch("/api/channels/" + pub + "/members/me", Map.of("isMuted", true));
        assertThat(muted.status()).isEqualTo(200);
        assertThat(muted.json().get("isMuted").asBoolean()).isTrue();
        assertThat(item(asOwner.get("/api/channels/" + pub + "/members").json(), member)
                        .get("isMuted")
                        .asBoolean())
                .isTrue();
        assertThat(item(asMember.get(channels()).json(), pub).get("isMuted").asBoolean())
                .isTrue();
        assertFieldErrors(asMember.patch("/api/channels/" + pub + "/members/me", Map.of()), "isMuted");
        assertProblem(api(outsider).patch("/api/channels/" + pub + "/members/me", Map.of("isMuted", true)), 404);

        assertThat(asMember.delete("/api/channels/" + pub + "/members/me").status())
                .isEqualTo(204);
        assertProblem(asMember.delete("/api/channels/" + pub + "/members/me"), 404);
        assertProblem(asMember.patch("/api/channels/" + pub + "/members/me", Map.of("isMuted", false)), 403);
        assertThat(asOwner.delete("/api/channels/" + pub + "/members/" + other).status())
                .isEqualTo(204);
        assertProblem(asOwner.delete("/api/channels/" + pub + "/members/" + other), 404);
        assertThat(asOwner.delete("/api/channels/" + priv + "/members/" + member)
                        .status())
                .isEqualTo(204);
        assertProblem(asMember.get("/api/channels/" + priv), 404);
        assertProblem(asOwner.delete("/api/channels/" + pub + "/members/not-a-uuid"), 400);
        assertThat(asOwner.get("/api/channels/" + pub + "/members").json().get("items"))
                .hasSize(1);
    }

    @Test
    void markReadNeedsAKnownMessageOfTheChannel() {
        UUID id = createChannel(member, workspace, "read-me", false);
        assertProblem(asMember.put("/api/channels/" + id + "/read", Map.of("messageId", UuidV7.next())), 404);
        assertFieldErrors(asMember.put("/api/channels/" + id + "/read", Map.of()), "messageId");
        assertProblem(api(other).put("/api/channels/" + id + "/read", Map.of("messageId", UuidV7.next())), 403);
        assertThat(asMember.get("/api/workspaces/" + workspace + "/unread").status())
                .isEqualTo(200);
    }

    @Test
    void responsesNeverContainSecretsOrOtherPeoplesData() {
        UUID id = createChannel(member, workspace, "no-secrets", false);
        List<Response> responses = List.of(
                asMember.get("/api/channels/" + id),
                asMember.get(channels()),
                asMember.get("/api/channels/" + id + "/members"),
                asMember.get("/api/workspaces/" + workspace + "/unread"),
                asMember.post("/api/channels/" + id + "/join", null),
                api(outsider).get("/api/channels/" + id),
                asMember.post(channels(), Map.of("name", "bad name!")),
                ApiClient.local(port).get(channels()));
        for (Response response : responses) {
            assertThat(response.body().toLowerCase())
                    .doesNotContain("password")
                    .doesNotContain("email")
                    .doesNotContain("accesstoken")
                    .doesNotContain("refreshtoken")
                    .doesNotContain("bearer")
                    .doesNotContain("socketid")
                    .doesNotContain("exception")
                    .doesNotContain("select ");
        }
        assertProblem(ApiClient.local(port).get(channels()), 401);
    }

    @Test
    void theOpenApiDocumentListsTheEndpoints() {
        Response docs = ApiClient.local(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body())
                .contains(
                        "/api/workspaces/{workspaceId}/channels",
                        "/api/channels/{channelId}/read",
                        "/api/workspaces/{workspaceId}/unread",
                        "/api/channels/{channelId}/members/me");
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void myMembershipsListEveryChannelIAmInAcrossWorkspacesPagedByKeyset() {
        UUID user = newUser();
        UUID otherOwner = newUser();
        UUID first = upstream().createWorkspace(user);
        UUID shared = upstream().createWorkspace(otherOwner);
        Upstream.Membership second = upstream().addMember(shared, user, WorkspaceRole.MEMBER);
        UUID secret = createChannel(otherOwner, shared, "memberships-secret", true);
        UUID open = createChannel(otherOwner, shared, "memberships-open", false);
        UUID notMine = createChannel(otherOwner, shared, "memberships-not-mine", true);
        assertThat(api(otherOwner)
                        .post("/api/channels/" + secret + "/members", Map.of("userId", user.toString()))
                        .status())
                .isEqualTo(201);
        assertThat(api(user).post("/api/channels/" + open + "/join", null).status())
                .isEqualTo(200);

        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page =
                    api(user).get("/api/channels/memberships?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page.json().get("items").forEach(items::add);
            cursor = page.json().path("nextCursor").isNull()
                    ? null
                    : page.json().path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        // #general of both workspaces (joined on membership), the private one I was added to, the public one I joined
        List<String> channelIds =
                items.stream().map(i -> i.get("channelId").asString()).toList();
        assertThat(channelIds)
                .containsExactlyInAnyOrder(
                        generalOf(first).toString(), generalOf(shared).toString(), secret.toString(), open.toString())
                .doesNotContain(notMine.toString());
        assertThat(pages).isEqualTo(2);
        List<String> keys = items.stream()
                .map(i -> i.get("workspaceId").asString() + "/"
                        + i.get("channelId").asString())
                .toList();
        assertThat(keys)
                .isSortedAccordingTo((a, b) ->
                        UUID.fromString(a.substring(0, 36)).compareTo(UUID.fromString(b.substring(0, 36))) != 0
                                ? comparePg(a.substring(0, 36), b.substring(0, 36))
                                : comparePg(a.substring(37), b.substring(37)));
        JsonNode secretItem = items.stream()
                .filter(i -> i.get("channelId").asString().equals(secret.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(secretItem.get("workspaceId").asString()).isEqualTo(shared.toString());
        assertThat(secretItem.get("role").asString()).isEqualTo("MEMBER");
        assertThat(secretItem.get("isPrivate").asBoolean()).isTrue();
        assertThat(secretItem.get("memberCount").asLong()).isEqualTo(2); // owner + user
        assertThat(secretItem.properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("channelId", "workspaceId", "role", "isPrivate", "memberCount");

        // leaving a workspace takes its channels out of the list
        upstream().removeMember(second);
        Response after = api(user).get("/api/channels/memberships?limit=200");
        assertThat(after.json().get("items"))
                .extracting(i -> i.get("channelId").asString())
                .containsExactly(generalOf(first).toString());
        assertProblem(api(user).get("/api/channels/memberships?cursor=" + PageRequest.encode("x", "y")), 400);
        assertThat(ApiClient.local(port).get("/api/channels/memberships").status())
                .isEqualTo(401);
    }

    /** PostgreSQL orders uuid by its bytes, unsigned. */
    private static int comparePg(String a, String b) {
        return dev.connectnow.events.workspace.MembershipOrdering.compareUnsigned(
                UUID.fromString(a), UUID.fromString(b));
    }
}
