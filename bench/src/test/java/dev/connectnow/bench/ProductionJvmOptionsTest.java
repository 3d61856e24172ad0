package dev.connectnow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.testkit.JavaVersionCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JVM the benchmarks measure is the JVM the image runs, and every Deployment's memory holds it: its heap plus
 * what a service was measured to use beside the heap (docs/benchmarks.md, stop 33).
 */
class ProductionJvmOptionsTest {

    /**
     * The most a service used beside its 512 MiB heap in stop 33's measurement: auth-service's resident memory with
     * its whole heap touched (842 MiB) less the heap; metaspace, code cache, G1's structures, threads and malloc.
     */
    private static final long NON_HEAP_MIB = 330;

    private static final Pattern RUNTIME_IMAGE = Pattern.compile("(?m)^FROM eclipse-temurin:(\\d+)-jre$");
    private static final Pattern TOOL_OPTIONS = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"");
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)");
    private static final Pattern MEMORY = Pattern.compile("(requests|limits): \\{[^}]*memory: (\\d+)(Mi|Gi) \\}");
    private static final Pattern HEAP = Pattern.compile("-Xmx(\\d+)m");
    private static final Pattern HEAP_SIZE = Pattern.compile("-Xm[sx]\\d+[kmg]");

    private final Path root = RepoRoot.locate();

    @Test
    void theImageRunsEveryFlagTheBenchmarksMeasure() throws IOException {
        List<String> imageOptions = imageJvmOptions();
        List<String> benchOptions = ServiceJvm.productionJvmOptions(ServiceJvm.PRODUCTION_JAVA);
        List<String> benchCollectors = benchOptions.stream()
                .filter(option -> option.matches("-XX:\\+Use\\w+GC"))
                .toList();

        assertThat(benchCollectors).containsExactly("-XX:+UseG1GC");
        // the heap is a size in the benchmarks and a share of the container's memory in the image (the test below)
        assertThat(imageOptions)
                .containsAll(benchOptions.stream()
                        .filter(option -> !HEAP_SIZE.matcher(option).matches())
                        .toList())
                .contains(
                        "-XX:+ExitOnOutOfMemoryError",
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:+UseCompactObjectHeaders",
                        "--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void onAnOlderJavaTheBenchmarksLeaveOutWhatItCannotStartWith() {
        assertThat(ServiceJvm.productionJvmOptions(17))
                .doesNotContain("-XX:+UseCompactObjectHeaders", "--sun-misc-unsafe-memory-access=allow");
        assertThat(ServiceJvm.productionJvmOptions(ServiceJvm.PRODUCTION_JAVA))
                .contains("-XX:+UseCompactObjectHeaders", "--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void thisJavaTakesTheBenchmarksFlagsWithoutAWarning() throws IOException, InterruptedException {
        String output = JavaVersionCheck.outputWith(ServiceJvm.productionJvmOptions());

        assertThat(output.toLowerCase()).doesNotContain("warning", "unrecognized", "ignoring option");
    }

    @Test
    void theBenchmarksKnowWhichJavaTheImageRuns() throws IOException {
        Matcher runtime = RUNTIME_IMAGE.matcher(Files.readString(root.resolve("Dockerfile")));

        assertThat(runtime.find())
                .as("the runtime stage's eclipse-temurin JRE in the Dockerfile")
                .isTrue();
        assertThat(Integer.parseInt(runtime.group(1))).isEqualTo(ServiceJvm.PRODUCTION_JAVA);
    }

    @Test
    void everyDeploymentHoldsTheHeapTheBenchmarksRunAndWhatAServiceUsesBesideIt() throws IOException {
        int maxRamPercentage = maxRamPercentage(imageJvmOptions());
        long benchHeapMib = ServiceJvm.productionJvmOptions().stream()
                .map(HEAP::matcher)
                .filter(Matcher::matches)
                .mapToLong(heap -> Long.parseLong(heap.group(1)))
                .findFirst()
                .orElseThrow();

        Map<String, Map<String, Long>> memoryByDeployment = deploymentMemoryMib();
        assertThat(memoryByDeployment).hasSizeGreaterThanOrEqualTo(9);
        memoryByDeployment.forEach((deployment, memory) -> {
            assertThat(memory).as(deployment).containsKeys("requests", "limits");
            long limit = memory.get("limits");
            long heap = limit * maxRamPercentage / 100;
            assertThat(limit - heap)
                    .as("%s: %d MiB beside a %d MiB heap", deployment, limit - heap, heap)
                    .isGreaterThanOrEqualTo(NON_HEAP_MIB);
            assertThat(heap).as("%s's heap", deployment).isEqualTo(benchHeapMib);
            // a JVM's heap does not give memory back under load: a request below the limit overcommits the node
            assertThat(memory.get("requests"))
                    .as("%s's memory request", deployment)
                    .isEqualTo(limit);
        });
    }

    private List<String> imageJvmOptions() throws IOException {
        Matcher options = TOOL_OPTIONS.matcher(Files.readString(root.resolve("Dockerfile")));
        assertThat(options.find()).as("JAVA_TOOL_OPTIONS in the Dockerfile").isTrue();
        return List.of(options.group(1).strip().split("\\s+"));
    }

    private static int maxRamPercentage(List<String> options) {
        return options.stream()
                .map(MAX_RAM_PERCENTAGE::matcher)
                .filter(Matcher::matches)
                .mapToInt(percentage -> Integer.parseInt(percentage.group(1)))
                .findFirst()
                .orElseThrow();
    }

    private Map<String, Map<String, Long>> deploymentMemoryMib() throws IOException {
        Map<String, Map<String, Long>> memory = new TreeMap<>();
        try (Stream<Path> manifests = Files.list(root.resolve("k8s"))) {
            for (Path manifest :
                    manifests.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(manifest);
                if (!text.contains("kind: Deployment")) {
                    continue;
                }
                // every Deployment is listed, so one without a memory request or limit fails the test
                Map<String, Long> deployment = new TreeMap<>();
                memory.put(manifest.getFileName().toString(), deployment);
                Matcher entry = MEMORY.matcher(text);
                while (entry.find()) {
                    long mib = Long.parseLong(entry.group(2)) * (entry.group(3).equals("Gi") ? 1024 : 1);
                    deployment.put(entry.group(1), mib);
                }
            }
        }
        return memory;
    }
}
