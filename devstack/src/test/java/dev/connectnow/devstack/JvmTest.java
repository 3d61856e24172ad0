package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JvmTest {

    @Test
    void theStartUpOptionsAreOnesThisJavaTakesWithoutAWarning() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Jvm.javaExecutable());
        command.addAll(Jvm.startUpOptions("64m"));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output.toLowerCase()).doesNotContain("warning", "unrecognized", "ignoring option");
    }
}
