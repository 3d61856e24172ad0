package dev.connectnow.presence.status;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.presence.visibility.PresenceAccess;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reads presence as one caller may see it. A user the service never saw is OFFLINE, with nothing else known. */
@Component
public class PresenceQueries {

    private final PresenceStore store;
    private final PresenceAccess access;
    private final PresenceProperties properties;

    public PresenceQueries(PresenceStore store, PresenceAccess access, PresenceProperties properties) {
        this.store = store;
        this.access = access;
        this.properties = properties;
    }

    /** One user's presence; 404 unless the viewer shares a workspace or a conversation with them (or is them). */
    public PresenceView one(UUID viewer, UUID userId) {
        access.requireVisible(viewer, userId);
        return view(userId, store.find(userId).orElse(null));
    }

    /**
     * Several users' presence, in the order asked, once each; users the viewer may not see are left out (an id
     * missing from the answer means "not visible or not a user", indistinguishable, as a 404 would be).
     */
    public List<PresenceView> many(UUID viewer, List<UUID> userIds) {
        if (userIds.isEmpty() || userIds.contains(null)) {
            throw ApiException.invalidField("userIds", "must name at least one user, ids separated by commas");
        }
        if (userIds.size() > properties.maxUsersPerLookup()) {
            throw ApiException.invalidField(
                    "userIds", "must name at most " + properties.maxUsersPerLookup() + " users");
        }
        List<UUID> visible = access.visibleAmong(viewer, userIds);
        Map<UUID, UserPresence> known =
                store.findAll(visible).stream().collect(Collectors.toMap(UserPresence::userId, Function.identity()));
        return visible.stream().map(id -> view(id, known.get(id))).toList();
    }

    private static PresenceView view(UUID userId, UserPresence presence) {
        return PresenceView.of(userId, presence == null ? StatusMachine.Visible.NEVER_SEEN : presence.visible());
    }
}
