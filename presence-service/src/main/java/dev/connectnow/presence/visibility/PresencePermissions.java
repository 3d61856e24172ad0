package dev.connectnow.presence.visibility;

import dev.connectnow.chassis.access.Verdict;

/**
 * Whose presence a caller may see. Pure rules, no Spring, no database.
 *
 * <ul>
 *   <li>Your own: always.</li>
 *   <li>Someone who shares a live workspace with you, or a direct conversation (DMs are platform-wide, so a DM
 *   partner may share no workspace): yes.</li>
 *   <li>Anyone else: 404, the same answer as for a user id that does not exist, so presence cannot be used to
 *   probe who uses ConnectNow or when (S24).</li>
 * </ul>
 * Changing presence is only ever about your own ({@code PUT /api/presence/me}), so it needs no rule.
 */
public final class PresencePermissions {

    public static Verdict view(boolean self, boolean sharesWorkspace, boolean sharesConversation) {
        return self || sharesWorkspace || sharesConversation ? Verdict.allow() : Verdict.notFound();
    }

    private PresencePermissions() {}
}
