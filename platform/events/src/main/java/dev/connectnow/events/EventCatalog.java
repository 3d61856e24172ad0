package dev.connectnow.events;

import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.presence.PresenceEvents;
import dev.connectnow.events.typing.TypingEvents;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.workspace.WorkspaceEvents;
import java.util.List;

/**
 * Every event catalogue of the suite. Referencing the classes here loads them, so that
 * {@link EventType#byName(String)} knows every type before the first record is read.
 */
public final class EventCatalog {

    private static final List<Class<?>> CATALOGUES = List.of(
            UserEvents.class,
            WorkspaceEvents.class,
            ChannelEvents.class,
            MessageEvents.class,
            DmEvents.class,
            ConnectionEvents.class,
            PresenceEvents.class,
            TypingEvents.class);

    static {
        for (Class<?> catalogue : CATALOGUES) {
            try {
                Class.forName(catalogue.getName(), true, catalogue.getClassLoader());
            } catch (ClassNotFoundException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** Makes sure every catalogue is initialised; cheap after the first call. */
    public static void load() {
        // the static initialiser does the work
    }

    private EventCatalog() {}
}
