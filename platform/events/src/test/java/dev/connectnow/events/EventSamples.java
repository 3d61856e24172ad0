package dev.connectnow.events;

import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelDeleted;
import dev.connectnow.events.channel.ChannelEvents.ChannelMemberChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.events.connection.ConnectionEvents.SocketActivity;
import dev.connectnow.events.connection.ConnectionEvents.SocketConnected;
import dev.connectnow.events.connection.ConnectionEvents.SocketDisconnected;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.ConversationPayload;
import dev.connectnow.events.dm.DmEvents.DirectMessagePayload;
import dev.connectnow.events.dm.DmEvents.MessagesRead;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessagePayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import dev.connectnow.events.message.MessageEvents.ReactionChanged;
import dev.connectnow.events.message.MessageEvents.ReactionCount;
import dev.connectnow.events.presence.PresenceEvents;
import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import dev.connectnow.events.presence.PresenceEvents.PresenceUpdated;
import dev.connectnow.events.typing.TypingEvents;
import dev.connectnow.events.typing.TypingEvents.TypingStarted;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.RevocationReason;
import dev.connectnow.events.user.UserEvents.SessionRevoked;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserRegistered;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceCreated;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceUpdated;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One fixed example of every event type: the golden contract files ({@code contracts/<type>.json}) are these
 * examples serialized. A new event type adds its example here and its file (run
 * {@code mvn -pl platform/events test -Dcontracts.update=true} once, then review the file like code).
 */
public final class EventSamples {

    public static final UUID EVENT_ID = UUID.fromString("0193a8f2-6c1e-7b3a-9d40-5a1c2e7f8b90");
    public static final Instant TIME = Instant.parse("2026-11-24T20:15:03.120456Z");
    public static final Instant EARLIER = Instant.parse("2026-11-24T20:10:00.000001Z");

    public static final UUID USER = UUID.fromString("0193a8f2-6b00-7c11-8e2f-0c4d5e6f7a8b");
    public static final UUID OTHER_USER = UUID.fromString("0193a8f2-6b01-7d22-9f30-1d5e6f7a8b9c");
    public static final UUID SESSION = UUID.fromString("0193a8f2-6b02-7e33-a041-2e6f7a8b9cad");
    public static final UUID WORKSPACE = UUID.fromString("0193a8f2-6b03-7f44-b152-3f7a8b9cadbe");
    public static final UUID MEMBERSHIP = UUID.fromString("0193a8f2-6b04-7055-8263-4a8b9cadbecf");
    public static final UUID CHANNEL = UUID.fromString("0193a8f2-6b05-7166-9374-5b9cadbecfd0");
    public static final UUID MESSAGE = UUID.fromString("0193a8f2-6b06-7277-a485-6cadbecfd0e1");
    public static final UUID PARENT = UUID.fromString("0193a8f2-6b07-7388-b596-7dbecfd0e1f2");
    public static final UUID ATTACHMENT = UUID.fromString("0193a8f2-6b08-7499-86a7-8ecfd0e1f203");
    public static final UUID CONVERSATION = UUID.fromString("0193a8f2-6b09-75aa-97b8-9fd0e1f20314");
    public static final UUID DIRECT_MESSAGE = UUID.fromString("0193a8f2-6b0a-76bb-a8c9-a0e1f2031425");
    public static final UUID SOCKET = UUID.fromString("0193a8f2-6b0b-77cc-b9da-b1f203142536");
    public static final String INSTANCE = "realtime-service:10.0.0.7:8087";

    private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

    /** A sample envelope's subject and sequence, with its payload. */
    public record Sample(String subject, Long sequence, Object data) {}

    static {
        UserRegistered registered =
                new UserRegistered(USER, "ada", "Ada Lovelace", "https://cdn.example.com/ada.png", EARLIER);
        add(UserEvents.REGISTERED, USER, null, registered);
        add(UserEvents.UPDATED, USER, null, new UserUpdated(USER, "ada", "Ada King", null, "Analyst", TIME));
        add(UserEvents.BANNED, USER, null, new UserBanned(USER, "spam", TIME));
        add(UserEvents.UNBANNED, USER, null, new UserUnbanned(USER, TIME));
        add(
                UserEvents.SESSION_REVOKED,
                USER,
                null,
                new SessionRevoked(USER, SESSION, RevocationReason.PASSWORD_CHANGED, TIME));

        add(
                WorkspaceEvents.CREATED,
                WORKSPACE,
                null,
                new WorkspaceCreated(
                        WORKSPACE,
                        "Analytical Engines",
                        "engines",
                        "Difference and analytical",
                        null,
                        USER,
                        false,
                        EARLIER));
        add(
                WorkspaceEvents.UPDATED,
                WORKSPACE,
                null,
                new WorkspaceUpdated(
                        WORKSPACE, "Engines", "engines", null, "https://cdn.example.com/engine.png", USER, true, TIME));
        add(WorkspaceEvents.DELETED, WORKSPACE, null, new WorkspaceDeleted(WORKSPACE, TIME));
        WorkspaceMemberChanged member = new WorkspaceMemberChanged(
                WORKSPACE, OTHER_USER, MEMBERSHIP, 2, WorkspaceRole.MODERATOR, "babbage", EARLIER, TIME);
        add(WorkspaceEvents.MEMBER_ADDED, WORKSPACE, null, member);
        add(WorkspaceEvents.MEMBER_UPDATED, WORKSPACE, null, member);
        add(WorkspaceEvents.MEMBER_REMOVED, WORKSPACE, null, member);

        ChannelChanged channel = new ChannelChanged(
                CHANNEL,
                WORKSPACE,
                "design",
                "Design talk",
                "Gears",
                ChannelType.TEXT,
                true,
                false,
                3,
                USER,
                EARLIER,
                TIME);
        add(ChannelEvents.CREATED, CHANNEL, null, channel);
        add(ChannelEvents.UPDATED, CHANNEL, null, channel);
        add(ChannelEvents.ARCHIVED, CHANNEL, null, channel);
        add(ChannelEvents.UNARCHIVED, CHANNEL, null, channel);
        add(ChannelEvents.DELETED, CHANNEL, null, new ChannelDeleted(CHANNEL, WORKSPACE, "design", true, TIME));
        ChannelMemberChanged channelMember = new ChannelMemberChanged(
                CHANNEL, WORKSPACE, OTHER_USER, ChannelRole.MEMBER, false, true, EARLIER, TIME);
        add(ChannelEvents.MEMBER_ADDED, CHANNEL, null, channelMember);
        add(ChannelEvents.MEMBER_UPDATED, CHANNEL, null, channelMember);
        add(ChannelEvents.MEMBER_REMOVED, CHANNEL, null, channelMember);

        AttachmentPayload attachment = new AttachmentPayload(
                ATTACHMENT,
                "engine.png",
                "/api/attachments/" + ATTACHMENT + "/content",
                48213,
                "image/png",
                "/api/attachments/" + ATTACHMENT + "/thumbnail",
                640,
                480);
        MessagePayload message = new MessagePayload(
                MESSAGE,
                CHANNEL,
                WORKSPACE,
                USER,
                "@babbage the engine 🚂 works",
                MessageType.IMAGE,
                PARENT,
                42,
                0,
                true,
                TIME,
                false,
                null,
                true,
                TIME,
                2,
                EARLIER,
                TIME,
                List.of(new ReactionCount("👍", 3), new ReactionCount(":tada:", 1)),
                List.of(attachment),
                List.of(OTHER_USER));
        add(MessageEvents.CREATED, MESSAGE, 42L, message);
        add(MessageEvents.UPDATED, MESSAGE, 42L, message);
        add(MessageEvents.PINNED, MESSAGE, 42L, message);
        add(MessageEvents.UNPINNED, MESSAGE, 42L, message);
        add(
                MessageEvents.DELETED,
                MESSAGE,
                42L,
                new MessagePayload(
                        MESSAGE,
                        CHANNEL,
                        WORKSPACE,
                        USER,
                        null,
                        MessageType.TEXT,
                        null,
                        42,
                        5,
                        false,
                        null,
                        true,
                        TIME,
                        false,
                        null,
                        3,
                        EARLIER,
                        TIME,
                        List.of(),
                        List.of(),
                        List.of()));
        ReactionChanged reaction = new ReactionChanged(MESSAGE, CHANNEL, WORKSPACE, null, OTHER_USER, "👍", 3, TIME);
        add(MessageEvents.REACTION_ADDED, MESSAGE, 42L, reaction);
        add(MessageEvents.REACTION_REMOVED, MESSAGE, 42L, reaction);

        List<UUID> participants = List.of(USER, OTHER_USER);
        add(
                DmEvents.CONVERSATION_CREATED,
                CONVERSATION,
                null,
                new ConversationPayload(CONVERSATION, USER, OTHER_USER, participants, TIME));
        DirectMessagePayload direct = new DirectMessagePayload(
                DIRECT_MESSAGE,
                CONVERSATION,
                OTHER_USER,
                "See you at the Royal Society",
                MessageType.FILE,
                7,
                true,
                TIME,
                false,
                null,
                true,
                TIME,
                2,
                EARLIER,
                TIME,
                List.of(attachment),
                participants);
        add(DmEvents.MESSAGE_CREATED, CONVERSATION, 7L, direct);
        add(DmEvents.MESSAGE_UPDATED, CONVERSATION, 7L, direct);
        add(
                DmEvents.MESSAGE_DELETED,
                CONVERSATION,
                7L,
                new DirectMessagePayload(
                        DIRECT_MESSAGE,
                        CONVERSATION,
                        OTHER_USER,
                        null,
                        MessageType.TEXT,
                        7,
                        false,
                        null,
                        true,
                        TIME,
                        false,
                        null,
                        3,
                        EARLIER,
                        TIME,
                        List.of(),
                        participants));
        add(
                DmEvents.MESSAGE_READ,
                CONVERSATION,
                7L,
                new MessagesRead(CONVERSATION, USER, DIRECT_MESSAGE, 7, TIME, participants));

        add(ConnectionEvents.SOCKET_CONNECTED, SOCKET, null, new SocketConnected(SOCKET, USER, INSTANCE, TIME));
        add(
                ConnectionEvents.SOCKET_DISCONNECTED,
                SOCKET,
                null,
                new SocketDisconnected(SOCKET, USER, INSTANCE, EARLIER, TIME, 1001));
        add(ConnectionEvents.SOCKET_ACTIVITY, SOCKET, null, new SocketActivity(SOCKET, USER, INSTANCE, TIME));
        add(
                ConnectionEvents.INSTANCE_HEARTBEAT,
                INSTANCE,
                null,
                new InstanceHeartbeat(
                        INSTANCE, EARLIER, TIME, 10_000, false, List.of(new LiveSocket(SOCKET, USER, EARLIER))));

        add(
                PresenceEvents.UPDATED,
                USER,
                null,
                new PresenceUpdated(
                        USER, PresenceStatus.BUSY, "In a meeting 📅", TIME, List.of(WORKSPACE), List.of(WORKSPACE)));

        add(TypingEvents.STARTED, CHANNEL, null, new TypingStarted(CHANNEL, WORKSPACE, USER, TIME));
    }

    private static <T> void add(EventType<T> type, Object subject, Long sequence, T data) {
        SAMPLES.put(type.name(), new Sample(String.valueOf(subject), sequence, data));
    }

    /** The sample of an event type, or null if it has none. */
    public static Sample of(EventType<?> type) {
        return SAMPLES.get(type.name());
    }

    /** The sample as a whole envelope, with fixed id, source and time. */
    @SuppressWarnings("unchecked")
    public static <T> EventEnvelope<T> envelope(EventType<T> type) {
        Sample sample = of(type);
        return new EventEnvelope<>(
                EventEnvelope.SPEC_VERSION,
                EVENT_ID,
                type.name(),
                "/" + producerOf(type),
                TIME,
                sample.subject(),
                sample.sequence(),
                EventEnvelope.CONTENT_TYPE,
                (T) sample.data());
    }

    private static String producerOf(EventType<?> type) {
        return switch (type.topic()) {
            case Topics.USER -> "auth-service";
            case Topics.WORKSPACE -> "workspace-service";
            case Topics.CHANNEL -> "channel-service";
            case Topics.MESSAGE -> "message-service";
            case Topics.DM -> "dm-service";
            case Topics.PRESENCE -> "presence-service";
            default -> "realtime-service";
        };
    }

    private EventSamples() {}
}
