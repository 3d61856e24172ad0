package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.JavaVersionCheck;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JvmTest {

    @Test
    void theStartUpOptionsAreOnesThisJavaTakesWithoutAWarning() throws IOException, InterruptedException {
        String output = JavaVersionCheck.outputWith(Jvm.startUpOptions("64m"));

        assertThat(output.toLowerCase()).doesNotContain("warning", "unrecognized", "ignoring option");
    }
}
