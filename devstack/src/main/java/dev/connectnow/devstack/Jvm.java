package dev.connectnow.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How children are launched as JVMs: the same Java as devstack, so nothing else must be installed. */
final class Jvm {

    /** Every child carries it; lets a later run recognise its leftovers by command line before killing them. */
    static final String MARKER_PROPERTY = "connectnow.devstack.process";

    private Jvm() {}

    static String javaExecutable() {
        String exe = System.getProperty("os.name").toLowerCase().startsWith("windows") ? "java.exe" : "java";
        return Path.of(System.getProperty("java.home"), "bin", exe).toString();
    }

    /**
     * The classpath of this JVM with absolute entries. Run as {@code java -jar devstack.jar} it is
     * the jar, whose manifest Class-Path brings {@code lib/}; under surefire it is the test
     * classpath. Either way it holds the Kafka broker.
     */
    static String ownClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Ctrl-C signals the terminal's whole foreground process group: children in devstack's group
     * would all stop at once, services racing Kafka and PostgreSQL. In a session of their own they
     * only get the signals devstack sends, in its order. Where {@code setsid} is missing (macOS,
     * Windows) the command runs as is.
     */
    static List<String> inOwnSession(List<String> command) {
        return SETSID.map(setsid -> {
                    List<String> wrapped = new ArrayList<>();
                    wrapped.add(setsid);
                    wrapped.addAll(command);
                    return wrapped;
                })
                .orElse(command);
    }

    /**
     * util-linux setsid execs the command in place (a child of the JVM is no process group leader),
     * so the pid devstack sees and signals is the JVM's own.
     */
    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path)))
            .findFirst();

    /**
     * Fast start-up rather than peak speed: serial GC and C1 only, so that many JVMs share a developer laptop (or
     * two CI cores); {@code maxHeap} as {@code -Xmx} takes it, e.g. {@code "256m"}. Native access as in the image
     * (Netty's epoll transport; Java 24+ warns without it). Before Java 25 the JVM sampled its own counters every
     * 50 ms, 2-4.5 ms of CPU a second in every idle JVM (docs/benchmarks.md, stop 36): once a second is enough;
     * Java 25 no longer samples them and ignores the flag with a warning.
     */
    static List<String> startUpOptions(String maxHeap) {
        List<String> options = new ArrayList<>(List.of(
                "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() < 25) {
            options.add("-XX:PerfDataSamplingInterval=1000");
        }
        return List.copyOf(options);
    }

    /**
     * {@code defaults}, or the options {@link DevStackConfig#JVM_OPTIONS_PROPERTY} gives instead
     * (whitespace-separated): a benchmark measures every JVM of the platform it runs on, the Kafka broker's too,
     * with the same flags.
     */
    static List<String> options(List<String> defaults) {
        String override =
                System.getProperty(DevStackConfig.JVM_OPTIONS_PROPERTY, "").trim();
        return override.isEmpty() ? defaults : List.of(override.split("\\s+"));
    }

    static String marker(String name) {
        return "-D" + MARKER_PROPERTY + "=" + name;
    }
}
