package dev.connectnow.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmarks. Figures are printed, never asserted: machines differ and are noisy, so
 * each scenario also measures a baseline in the same run and reports the ratio.
 *
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/bench.jar outbox [events] [rate/s] [seconds]
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/bench.jar gateway [rate/s] [seconds] [in flight] [rounds]
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/bench.jar message [posts] [clients] [all|posting]
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/bench.jar realtime [sockets] [per channel] [rate/s] [seconds]
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/bench.jar realtime-e2e [rate/s] [subscribers] [seconds] [warm-up seconds]
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/bench.jar presence
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/bench.jar presence-delivery
 * </pre>
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        try {
            run(Arrays.asList(args));
        } catch (Exception | Error failure) {
            // a failed scenario must end the JVM even if it left non-daemon threads behind
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(List<String> arguments) throws Exception {
        String scenario = arguments.isEmpty() ? "outbox" : arguments.get(0);
        switch (scenario) {
            case "outbox" ->
                new OutboxBench(intArg(arguments, 1, 5_000), intArg(arguments, 2, 500), intArg(arguments, 3, 20)).run();
            case "gateway" ->
                new GatewayBench(
                                intArg(arguments, 1, 100),
                                intArg(arguments, 2, 10),
                                intArg(arguments, 3, 32),
                                intArg(arguments, 4, 2))
                        .run();
            case "message" ->
                new MessageBench(
                                intArg(arguments, 1, 6_000),
                                intArg(arguments, 2, 8),
                                !"posting".equals(arguments.size() > 3 ? arguments.get(3) : "all"))
                        .run();
            case "realtime" ->
                new RealtimeBench(
                                intArg(arguments, 1, 5_000),
                                intArg(arguments, 2, 10),
                                intArg(arguments, 3, 200),
                                intArg(arguments, 4, 10))
                        .run();
            case "realtime-e2e" ->
                new RealtimeEndToEndBench(
                                intArg(arguments, 1, 200),
                                intArg(arguments, 2, 10),
                                intArg(arguments, 3, 60),
                                // long enough for the nine services' compilers to settle (docs/benchmarks.md, stop 38)
                                intArg(arguments, 4, 480))
                        .run();
            case "presence" -> new PresenceBench().run();
            case "presence-delivery" -> new PresenceDeliveryBench().run();
            default -> {
                System.err.println("unknown scenario '" + scenario
                        + "'; known: outbox, gateway, message, realtime, realtime-e2e, presence,"
                        + " presence-delivery");
                System.exit(2);
            }
        }
    }

    private static int intArg(List<String> arguments, int index, int fallback) {
        return arguments.size() > index ? Integer.parseInt(arguments.get(index)) : fallback;
    }

    private Bench() {}
}
