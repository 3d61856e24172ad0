package dev.connectnow.presence.visibility;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Loads what a visibility decision needs (shared workspaces, shared conversations) and applies {@link PresencePermissions}. */
@Component
public class PresenceAccess {

    private final Relationships relationships;

    public PresenceAccess(Relationships relationships) {
        this.relationships = relationships;
    }

    /** Returns if {@code viewer} may see {@code target}'s presence; 404 otherwise. */
    public void requireVisible(UUID viewer, UUID target) {
        boolean self = viewer.equals(target);
        PresencePermissions.view(
                        self,
                        !self && relationships.shareWorkspace(viewer, target),
                        !self && relationships.shareConversation(viewer, target))
                .orThrow();
    }

    /** The ids of {@code targets} whose presence {@code viewer} may see, in the given order, without repeats. */
    public List<UUID> visibleAmong(UUID viewer, List<UUID> targets) {
        Set<UUID> distinct = new LinkedHashSet<>(targets);
        Set<UUID> coMembers = relationships.workspaceCoMembersAmong(viewer, distinct);
        Set<UUID> partners = relationships.conversationPartnersAmong(viewer, distinct);
        return distinct.stream()
                .filter(target -> PresencePermissions.view(
                                viewer.equals(target), coMembers.contains(target), partners.contains(target))
                        .isAllowed())
                .toList();
    }
}
