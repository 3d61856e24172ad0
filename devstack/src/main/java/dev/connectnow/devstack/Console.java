package dev.connectnow.devstack;

import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place devstack writes to the terminal: its own progress lines and the applications'
 * log lines, each prefixed with the application's padded, coloured name. Lines are written whole,
 * so the output of parallel children never interleaves mid-line.
 */
public final class Console {

    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String RED = "\u001B[31m";
    private static final String YELLOW = "\u001B[33m";
    private static final String GREEN = "\u001B[32m";
    private static final String[] PALETTE = {
        "\u001B[36m", "\u001B[35m", "\u001B[34m", "\u001B[32m", "\u001B[33m",
        "\u001B[96m", "\u001B[95m", "\u001B[94m", "\u001B[92m", "\u001B[93m"
    };
    private static final String SELF = "devstack";

    private final PrintStream out;
    private final boolean colors;
    private final Map<String, String> colorByName = new LinkedHashMap<>();
    private int width = SELF.length();

    public Console(PrintStream out, boolean colors) {
        this.out = out;
        this.colors = colors;
    }

    /** Colours only on an interactive terminal that has not opted out (https://no-color.org). */
    public static Console system() {
        boolean tty = System.console() != null;
        boolean noColor = System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"));
        return new Console(System.out, tty && !noColor);
    }

    /** Pads every prefix to the longest name so that the log columns line up. */
    public synchronized void alignTo(Collection<String> names) {
        for (String name : names) {
            width = Math.max(width, name.length());
        }
    }

    public void info(String message) {
        print(SELF, message, null);
    }

    public void success(String message) {
        print(SELF, message, GREEN);
    }

    public void warn(String message) {
        print(SELF, "WARNING: " + message, YELLOW);
    }

    public void error(String message) {
        print(SELF, "ERROR: " + message, RED);
    }

    /** A banner line without prefix, so it can be copied from the terminal as is. */
    public synchronized void plain(String line) {
        out.println(line);
        out.flush();
    }

    public void childLine(String name, String line) {
        print(name, line, null);
    }

    String prefix(String name) {
        String padded = String.format("[%-" + width + "s]", name);
        if (!colors) {
            return padded;
        }
        String color = SELF.equals(name) ? BOLD : colorOf(name);
        return color + padded + RESET;
    }

    private synchronized void print(String name, String message, String messageColor) {
        String text = colors && messageColor != null ? messageColor + message + RESET : message;
        out.println(prefix(name) + " " + text);
        out.flush();
    }

    private synchronized String colorOf(String name) {
        return colorByName.computeIfAbsent(name, n -> PALETTE[colorByName.size() % PALETTE.length]);
    }
}
