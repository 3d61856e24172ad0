package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void prefixesArePaddedToTheLongestName() {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        console.alignTo(List.of("auth-service", "workspace-service", "gateway"));

        console.childLine("gateway", "Started GatewayApplication");
        console.childLine("workspace-service", "Started WorkspaceApplication");
        console.info("all healthy");

        assertThat(lines())
                .containsExactly(
                        "[gateway          ] Started GatewayApplication",
                        "[workspace-service] Started WorkspaceApplication",
                        "[devstack         ] all healthy");
    }

    @Test
    void coloursAreOnlyUsedWhenAskedFor() {
        Console plain = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        Console colored = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true);

        assertThat(plain.prefix("kafka")).doesNotContain("\u001B");
        assertThat(colored.prefix("kafka"))
                .startsWith("\u001B[")
                .endsWith("\u001B[0m")
                .contains("[kafka   ]");
        assertThat(colored.prefix("kafka")).isNotEqualTo(colored.prefix("postgres"));
    }

    @Test
    void parallelWritersNeverSplitALine() throws InterruptedException {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        console.alignTo(List.of("a", "b"));
        Thread a = new Thread(() -> write(console, "a"));
        Thread b = new Thread(() -> write(console, "b"));
        a.start();
        b.start();
        a.join();
        b.join();

        assertThat(lines())
                .hasSize(2000)
                .allMatch(line -> line.matches("\\[(a|b) +] (a|b)-\\d+") && line.charAt(1) == line.charAt(11));
    }

    private static void write(Console console, String name) {
        for (int i = 0; i < 1000; i++) {
            console.childLine(name, name + "-" + i);
        }
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
