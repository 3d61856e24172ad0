package dev.connectnow.devstack;

import java.nio.file.Path;

/** A part of the stack did not come up; the message names it and, when there is one, its log file. */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Path logFile) {
        super(message + System.lineSeparator() + "  log: " + logFile.toAbsolutePath() + tailOf(logFile));
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    private static String tailOf(Path logFile) {
        String tail = ChildProcess.tail(logFile, 30);
        return tail.isEmpty() ? "" : System.lineSeparator() + "  last lines:" + System.lineSeparator() + tail;
    }
}
