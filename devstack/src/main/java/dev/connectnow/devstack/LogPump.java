package dev.connectnow.devstack;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Copies a child's merged stdout/stderr line by line to its log file and, for the lines that pass
 * the filter, to the console. Without a reader the child would block once the pipe buffer is full.
 */
final class LogPump implements Runnable {

    private final String name;
    private final InputStream source;
    private final Path logFile;
    private final Console console;
    private final Predicate<String> echoToConsole;

    LogPump(String name, InputStream source, Path logFile, Console console, Predicate<String> echoToConsole) {
        this.name = name;
        this.source = source;
        this.logFile = logFile;
        this.console = console;
        this.echoToConsole = echoToConsole;
    }

    static Thread start(
            String name, InputStream source, Path logFile, Console console, Predicate<String> echoToConsole) {
        Thread thread = new Thread(new LogPump(name, source, logFile, console, echoToConsole), "log-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8));
                BufferedWriter writer = Files.newBufferedWriter(
                        logFile,
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line);
                writer.newLine();
                // flushed per line: failure messages quote the tail of this file while the child still runs
                writer.flush();
                if (echoToConsole.test(line)) {
                    console.childLine(name, line);
                }
            }
        } catch (IOException e) {
            // the stream closes when the child is destroyed; only a failing log file is worth a word
            if (!"Stream closed".equals(e.getMessage())) {
                console.warn("log of " + name + " stopped: " + e.getMessage());
            }
        }
    }
}
