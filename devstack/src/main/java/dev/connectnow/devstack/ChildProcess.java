package dev.connectnow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A process devstack started and owns: its output goes through a {@link LogPump}, its pid is
 * recorded in {@code run/<name>.pid} so that a run after a hard kill of devstack can clean up, and
 * it is stopped gracefully first and forcibly after a grace period.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final Thread pump;
    private volatile boolean stopping;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile, Thread pump) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.pump = pump;
    }

    /**
     * @param appendLog keep earlier content of the log file (a broker's format step and its run share one file)
     */
    static ChildProcess start(
            String name,
            List<String> command,
            Map<String, String> env,
            Path workingDir,
            Path logFile,
            boolean appendLog,
            Path runDir,
            Console console,
            Predicate<String> echoToConsole) {
        return start(name, command, env, workingDir, logFile, appendLog, runDir, console, echoToConsole, false);
    }

    private static ChildProcess start(
            String name,
            List<String> command,
            Map<String, String> env,
            Path workingDir,
            Path logFile,
            boolean appendLog,
            Path runDir,
            Console console,
            Predicate<String> echoToConsole,
            boolean runsToCompletion) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(runDir);
            if (!appendLog) {
                Files.deleteIfExists(logFile);
            }
            killLeftover(name, runDir, console);
            ProcessBuilder builder = new ProcessBuilder(Jvm.inOwnSession(command))
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            Path pidFile = runDir.resolve(name + ".pid");
            Files.writeString(pidFile, Long.toString(process.pid()));
            Thread pump = LogPump.start(name, process.getInputStream(), logFile, console, echoToConsole);
            ChildProcess child = new ChildProcess(name, process, logFile, pidFile, pump);
            child.stopping = runsToCompletion;
            process.onExit().thenAccept(p -> {
                if (!child.stopping) {
                    console.warn(name + " exited with code " + p.exitValue() + " - see " + logFile);
                }
            });
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Runs a command to completion (e.g. formatting the broker's storage) and returns its exit code. */
    static int run(
            String name,
            List<String> command,
            Path workingDir,
            Path logFile,
            Path runDir,
            Console console,
            Duration timeout) {
        ChildProcess child =
                start(name, command, Map.of(), workingDir, logFile, true, runDir, console, line -> false, true);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ZERO);
                throw new StartupException(name + " did not finish within " + timeout.toSeconds() + " s", logFile);
            }
            child.pump.join(TimeUnit.SECONDS.toMillis(5));
            Files.deleteIfExists(child.pidFile);
            return child.process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.stop(Duration.ZERO);
            throw new StartupException(name + " was interrupted", logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    Path logFile() {
        return logFile;
    }

    /** SIGTERM (Spring and Kafka shut down gracefully on it), then SIGKILL after the grace period. */
    void stop(Duration grace) {
        stopping = true;
        List<ProcessHandle> descendants = process.descendants().toList();
        // through the handle: Process.destroy() also closes our end of the pipe, losing the shutdown log
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                handle.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            // a JVM has no children of its own here, but a wrapper script would: nothing may outlive the stack
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            pump.join(TimeUnit.SECONDS.toMillis(2));
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (IOException e) {
            // a stale pid file is harmless: the next run verifies the command line before it kills anything
        }
    }

    /**
     * SIGKILL at once, no shutdown hooks: a crash as the rest of the platform sees it (no deregistration,
     * no final heartbeat, open connections reset).
     */
    void kill() {
        stopping = true;
        ProcessHandle handle = process.toHandle();
        handle.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(2));
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a stale pid file is harmless: the next run verifies the command line before it kills anything
        }
    }

    /** The last lines of the log, for error messages that should not send the user hunting for the file. */
    String tail(int lines) {
        return tail(logFile, lines);
    }

    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), last);
    }

    /**
     * A devstack that was killed with SIGKILL could not stop its children; they would hold the
     * ports of this run. The marker on the command line makes sure a reused pid is left alone.
     */
    static void killLeftover(String name, Path runDir, Console console) throws IOException {
        Path pidFile = runDir.resolve(name + ".pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String content = Files.readString(pidFile).trim();
        Files.deleteIfExists(pidFile);
        if (!content.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(Long.parseLong(content))
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info()
                        .commandLine()
                        .map(cmd -> cmd.contains(Jvm.marker(name)))
                        .orElse(false));
        if (leftover.isPresent()) {
            console.warn("stopping " + name + " (pid " + content + ") left over from an earlier run");
            terminate(leftover.get(), Duration.ofSeconds(20));
        }
    }

    static void terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // nothing more can be done from here; the port check reports what still blocks the run
            }
        }
    }
}
