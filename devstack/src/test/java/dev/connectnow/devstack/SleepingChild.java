package dev.connectnow.devstack;

/** A stand-in child JVM: reports that it runs, and on SIGTERM says goodbye from a shutdown hook. */
public final class SleepingChild {

    private SleepingChild() {}

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("child running");
        Thread.sleep(120_000);
    }
}
