package dev.connectnow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Gives the proxies CPUs of their own, as a deployment gives the edge its own nodes or CPU: with
 * {@code -Dbench.proxy-cpus=<list>} (Linux CPU numbers, {@code 0} or {@code 0,2-3}) the gateway and the bare proxy run
 * on those CPUs, and everything else the benchmark started — this JVM (the load generator), auth-service, discovery,
 * the broker, PostgreSQL — on the CPUs this JVM may use besides them. Without it every process shares every CPU, and
 * the saturation ratio counts the proxy's CPU against the service's and the load generator's.
 * <p>
 * Pins every thread of a process ({@code taskset -a}); threads and processes started later inherit their creator's
 * CPUs. Each process's CPUs are read back from {@code /proc} and the benchmark stops if they are not the ones asked for.
 */
final class CpuPinning {

    static final String PROPERTY = "bench.proxy-cpus";

    private final SortedSet<Integer> proxyCpus;
    private final SortedSet<Integer> otherCpus;

    CpuPinning(SortedSet<Integer> proxyCpus, SortedSet<Integer> allowedCpus) {
        if (proxyCpus.isEmpty() || !allowedCpus.containsAll(proxyCpus)) {
            throw new IllegalArgumentException(
                    "the proxies' CPUs " + format(proxyCpus) + " must be some of " + format(allowedCpus));
        }
        this.proxyCpus = proxyCpus;
        this.otherCpus = new TreeSet<>(allowedCpus);
        this.otherCpus.removeAll(proxyCpus);
        if (otherCpus.isEmpty()) {
            throw new IllegalArgumentException("the proxies' CPUs " + format(proxyCpus) + " leave none of "
                    + format(allowedCpus) + " to the others");
        }
    }

    /** The pinning {@value #PROPERTY} asks for, within the CPUs this JVM may use; empty when it is not set. */
    static Optional<CpuPinning> fromSystemProperty() throws IOException {
        String proxies = System.getProperty(PROPERTY, "").strip();
        if (proxies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CpuPinning(
                parse(proxies), allowedCpus(ProcessHandle.current().pid())));
    }

    /**
     * Puts the proxies on their CPUs, and this JVM, its child processes and every process whose command line names
     * {@code workDir} (PostgreSQL's server, which is not a child), with all of their children, on the others.
     */
    void apply(Collection<Long> proxyPids, Path workDir) throws IOException, InterruptedException {
        List<ProcessHandle> others = Stream.concat(
                        Stream.of(ProcessHandle.current()),
                        ProcessHandle.allProcesses()
                                .filter(process -> process.info()
                                        .commandLine()
                                        .filter(line -> line.contains(workDir.toString()))
                                        .isPresent()))
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .filter(process -> !proxyPids.contains(process.pid()))
                .distinct()
                .toList();
        for (long proxy : proxyPids) {
            pin(proxy, proxyCpus);
        }
        for (ProcessHandle other : others) {
            try {
                pin(other.pid(), otherCpus);
            } catch (IOException | IllegalStateException failed) {
                // a process that ended meanwhile (a PostgreSQL backend whose connection closed) needs no CPUs
                if (other.isAlive()) {
                    throw failed;
                }
            }
        }
    }

    /** {@code the proxies on CPU 0, everything else on CPU 1}. */
    String describe() {
        return "the proxies on CPU " + format(proxyCpus) + ", everything else on CPU " + format(otherCpus);
    }

    private static void pin(long pid, SortedSet<Integer> cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", format(cpus), Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!taskset.waitFor(30, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
            throw new IllegalStateException("taskset could not pin process " + pid + ": " + output.strip());
        }
        SortedSet<Integer> pinned = allowedCpus(pid);
        if (!pinned.equals(cpus)) {
            throw new IllegalStateException(
                    "process " + pid + " runs on CPU " + format(pinned) + ", not on " + format(cpus));
        }
    }

    /** The CPUs a process may run on ({@code Cpus_allowed_list} of {@code /proc/<pid>/status}). */
    private static SortedSet<Integer> allowedCpus(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("Cpus_allowed_list:"))
                .map(line -> parse(line.substring(line.indexOf(':') + 1)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no CPU list for process " + pid));
    }

    /** A Linux CPU list: numbers and ranges separated by commas, {@code 0-1,4}. */
    static SortedSet<Integer> parse(String list) {
        SortedSet<Integer> cpus = new TreeSet<>();
        for (String part : list.strip().split(",")) {
            String[] range = part.strip().split("-", -1);
            try {
                int first = Integer.parseInt(range[0].strip());
                int last = range.length == 2 ? Integer.parseInt(range[1].strip()) : first;
                if (range.length > 2 || first < 0 || last < first) {
                    throw new NumberFormatException();
                }
                for (int cpu = first; cpu <= last; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException notACpuList) {
                throw new IllegalArgumentException("not a CPU list: '" + list.strip() + "'");
            }
        }
        return cpus;
    }

    /** The shortest Linux CPU list for a set: {@code 0-2,5}. */
    static String format(SortedSet<Integer> cpus) {
        List<Integer> sorted = List.copyOf(cpus);
        List<String> ranges = new ArrayList<>();
        for (int first = 0; first < sorted.size(); ) {
            int last = first;
            while (last + 1 < sorted.size() && sorted.get(last + 1) == sorted.get(last) + 1) {
                last++;
            }
            ranges.add(first == last ? sorted.get(first).toString() : sorted.get(first) + "-" + sorted.get(last));
            first = last + 1;
        }
        return String.join(",", ranges);
    }
}
