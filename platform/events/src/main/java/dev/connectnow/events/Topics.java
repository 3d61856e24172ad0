package dev.connectnow.events;

/** Topic names are part of the public contract: consumers outside the suite rely on them. */
public final class Topics {

    public static final String USER = "connectnow.user";
    public static final String WORKSPACE = "connectnow.workspace";
    public static final String CHANNEL = "connectnow.channel";
    public static final String MESSAGE = "connectnow.message";
    public static final String DM = "connectnow.dm";
    public static final String CONNECTION = "connectnow.connection";
    public static final String PRESENCE = "connectnow.presence";
    public static final String TYPING = "connectnow.typing";

    /** Records that could not be processed after bounded retries land in {@code <topic>.DLT}. */
    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }

    private Topics() {}
}
