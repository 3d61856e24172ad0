package dev.connectnow.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.TestTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Calls workspace-service over real HTTP as any number of users; builds workspaces with members in roles. */
public final class Api {

    private final int port;
    private final Map<UUID, ApiClient> clients = new ConcurrentHashMap<>();

    public Api(int port) {
        this.port = port;
    }

    public static UUID newUser() {
        return UUID.randomUUID();
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** One client (and token) per user, reused across calls. */
    public ApiClient as(UUID user) {
        return clients.computeIfAbsent(user, id -> ApiClient.local(port).as(TestTokens.accessToken(id)));
    }

    public ApiClient anonymous() {
        return ApiClient.local(port);
    }

    public JsonNode createWorkspace(UUID owner, boolean isPublic) {
        return createWorkspace(owner, uniqueSlug("ws"), isPublic);
    }

    public JsonNode createWorkspace(UUID owner, String slug, boolean isPublic) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Workspace " + slug);
        body.put("slug", slug);
        body.put("isPublic", isPublic);
        ApiClient.Response created = as(owner).post("/api/workspaces", body);
        assertThat(created.status()).as("create %s", created).isEqualTo(201);
        return created.json();
    }

    /** Joins {@code user} by invite code and, unless MEMBER, has the owner set the role. */
    public void addMember(JsonNode workspace, UUID user, String role) {
        ApiClient.Response joined = as(user).post(
                        "/api/workspaces/join",
                        Map.of("inviteCode", workspace.get("inviteCode").asString()));
        assertThat(joined.status()).as("join %s", joined).isEqualTo(200);
        if (!role.equals("MEMBER")) {
            UUID owner = UUID.fromString(workspace.get("ownerId").asString());
            ApiClient.Response promoted = as(owner).patch(membersPath(workspace, user), Map.of("role", role));
            assertThat(promoted.status()).as("set role %s", promoted).isEqualTo(200);
        }
    }

    public static String path(JsonNode workspace) {
        return "/api/workspaces/" + workspace.get("id").asString();
    }

    public static String membersPath(JsonNode workspace, UUID user) {
        return path(workspace) + "/members/" + user;
    }
}
