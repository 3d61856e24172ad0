package dev.connectnow.message.post;

import dev.connectnow.message.channel.ChannelDirectory;
import dev.connectnow.message.channel.ChannelState;
import dev.connectnow.message.user.UserDirectory;
import dev.connectnow.message.user.UserDirectory.NamedUser;
import dev.connectnow.message.workspace.WorkspaceDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns {@code @username} in a message into the ids of the users it mentions, in order of first appearance.
 * Content is stored exactly as written; mentions travel only in events (for notifications). Only users who
 * can read the channel count: members of a private channel, members of the workspace for a public one — so a
 * mention never tells an outsider that a private conversation exists.
 */
@Component
public class Mentions {

    /** Usernames are 3-32 of [a-z0-9_.-] (auth-service), case-insensitive; an e-mail address is no mention. */
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@-])@([A-Za-z0-9_.-]{3,32})");

    /** More distinct names than this in one message are not looked up (the first ones are). */
    static final int MAX_LOOKUPS = 50;

    private final UserDirectory users;
    private final ChannelDirectory channels;
    private final WorkspaceDirectory workspaces;

    public Mentions(UserDirectory users, ChannelDirectory channels, WorkspaceDirectory workspaces) {
        this.users = users;
        this.channels = channels;
        this.workspaces = workspaces;
    }

    public List<UUID> resolve(String content, ChannelState channel) {
        List<String> names = candidates(content);
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, UUID> byName = users.withUsernames(names).stream()
                .collect(Collectors.toMap(NamedUser::username, NamedUser::userId, (a, b) -> a));
        Set<UUID> found = new LinkedHashSet<>();
        names.stream().map(byName::get).filter(id -> id != null).forEach(found::add);
        Set<UUID> readers = new HashSet<>(
                channel.isPrivate()
                        ? channels.membersAmong(channel.id(), found)
                        : workspaces.activeMembersAmong(channel.workspaceId(), found));
        return found.stream().filter(readers::contains).toList();
    }

    /**
     * Lower-case usernames written as {@code @name}, in order; a trailing {@code .} or {@code -} (end of a
     * sentence) is also tried without it.
     */
    static List<String> candidates(String content) {
        if (content == null || content.indexOf('@') < 0) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(content);
        while (matcher.find() && names.size() < MAX_LOOKUPS) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            names.add(name);
            String trimmed = name.replaceAll("[.-]+$", "");
            if (trimmed.length() >= 3) {
                names.add(trimmed);
            }
        }
        return new ArrayList<>(names);
    }
}
