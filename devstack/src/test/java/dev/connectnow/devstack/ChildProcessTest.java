package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream consoleOutput = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(consoleOutput, true, StandardCharsets.UTF_8), false);
    private ChildProcess child;

    @AfterEach
    void stopChild() {
        if (child != null && child.isAlive()) {
            child.stop(Duration.ZERO);
        }
    }

    @Test
    void stopIsGracefulAndKeepsWhatTheChildLogsWhileShuttingDown() throws Exception {
        child = startSleepingChild("sleeper");
        awaitLog("child running");

        child.stop(Duration.ofSeconds(20));

        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitCode()).as("terminated by SIGTERM, not SIGKILL").contains(143);
        assertThat(Files.readString(child.logFile())).contains("child running", "shutdown hook ran");
        assertThat(dir.resolve("run/sleeper.pid")).doesNotExist();
        assertThat(consoleOutput.toString(StandardCharsets.UTF_8))
                .contains("[sleeper ] child running")
                .as("a requested stop is no unexpected exit")
                .doesNotContain("exited with code");
    }

    @Test
    void anUnexpectedExitIsReportedWithItsLog() throws Exception {
        child = startSleepingChild("crasher");
        awaitLog("child running");

        ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();

        Await.untilAsserted(
                "the unexpected exit is reported",
                () -> assertThat(consoleOutput.toString(StandardCharsets.UTF_8))
                        .contains("crasher exited with code 137 - see " + child.logFile()));
    }

    @Test
    void killIsImmediateAndNotReportedAsAnUnexpectedExit() throws Exception {
        child = startSleepingChild("victim");
        awaitLog("child running");

        child.kill();

        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitCode()).as("SIGKILL").contains(137);
        assertThat(Files.readString(child.logFile()))
                .as("no shutdown hook runs on kill -9")
                .doesNotContain("shutdown hook ran");
        assertThat(dir.resolve("run/victim.pid")).doesNotExist();
        assertThat(consoleOutput.toString(StandardCharsets.UTF_8)).doesNotContain("exited with code");
    }

    @Test
    void aChildLeftOverByAKilledRunIsStoppedBeforeTheNextStart() throws Exception {
        child = startSleepingChild("leftover");
        awaitLog("child running");
        assertThat(dir.resolve("run/leftover.pid")).content().isEqualTo(Long.toString(child.pid()));

        ChildProcess.killLeftover("leftover", dir.resolve("run"), console);

        assertThat(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(consoleOutput.toString(StandardCharsets.UTF_8)).contains("left over from an earlier run");
    }

    @Test
    void aPidFileNamingSomeoneElsesProcessIsIgnored() throws IOException {
        Path runDir = Files.createDirectories(dir.resolve("run"));
        long notOurs = ProcessHandle.current().pid();
        Files.writeString(runDir.resolve("kafka.pid"), Long.toString(notOurs));

        ChildProcess.killLeftover("kafka", runDir, console);

        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(runDir.resolve("kafka.pid")).doesNotExist();
    }

    private ChildProcess startSleepingChild(String name) {
        List<String> command = List.of(
                Jvm.javaExecutable(),
                "-Xmx32m",
                Jvm.marker(name),
                "-cp",
                Jvm.ownClasspath(),
                SleepingChild.class.getName());
        return ChildProcess.start(
                name,
                command,
                Map.of(),
                dir,
                dir.resolve("logs/" + name + ".log"),
                false,
                dir.resolve("run"),
                console,
                line -> true);
    }

    private void awaitLog(String text) {
        Await.until(
                "the child logs '" + text + "'",
                () -> Files.isRegularFile(child.logFile())
                        && Files.readString(child.logFile()).contains(text));
    }
}
