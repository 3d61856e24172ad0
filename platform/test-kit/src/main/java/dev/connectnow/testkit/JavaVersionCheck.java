package dev.connectnow.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the Java running the tests prints when started with some options: how a test sees a flag it refuses or warns about. */
public final class JavaVersionCheck {

    private JavaVersionCheck() {}

    /** Runs {@code java <options> -version} with this JVM's Java; the output, or an error if it did not exit 0. */
    public static String outputWith(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!java.waitFor(30, TimeUnit.SECONDS) || java.exitValue() != 0) {
            throw new AssertionError("java " + String.join(" ", options) + " -version failed: " + output);
        }
        return output;
    }
}
