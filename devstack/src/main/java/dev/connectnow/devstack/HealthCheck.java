package dev.connectnow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/** Waits until an application reports ready over HTTP, and fails early if its process dies meanwhile. */
final class HealthCheck {

    static final String READINESS = "/actuator/health/readiness";
    static final String HEALTH = "/actuator/health";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Polls the readiness group (up only once the application accepts traffic) and falls back to
     * the overall health where probes are not enabled.
     */
    void awaitHealthy(String name, int port, ChildProcess process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String path = READINESS;
        String lastStatus = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw new StartupException(
                        name + " exited with code " + process.exitCode().orElse(-1) + " before it became healthy",
                        process.logFile());
            }
            try {
                HttpResponse<String> response = get("http://localhost:" + port + path);
                if (response.statusCode() == 200) {
                    return;
                }
                if (response.statusCode() == 404 && path.equals(READINESS)) {
                    path = HEALTH;
                    continue;
                }
                lastStatus = "HTTP " + response.statusCode() + " from " + path + ": " + abbreviate(response.body());
            } catch (IOException e) {
                lastStatus = "not listening on port " + port;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(
                        name + " did not become healthy within " + timeout.toSeconds() + " s (" + lastStatus + ")",
                        process.logFile());
            }
            pause();
        }
    }

    /**
     * One instance, by its Eureka instance id ({@code <application>:<ip>:<port>} in the chassis' defaults). The
     * gateway resolves {@code lb://} routes from the Eureka registry; starting it before the services are
     * registered would leave it answering 503 until its next registry fetch.
     */
    boolean awaitRegistered(String discoveryUrl, String application, String instanceId, Duration timeout) {
        return awaitFound(
                discoveryUrl + "/eureka/apps/" + application.toUpperCase(Locale.ROOT) + "/" + instanceId, timeout);
    }

    private boolean awaitFound(String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(url).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // discovery is restarting or busy; retry until the deadline
            }
            pause();
        }
        return false;
    }

    private HttpResponse<String> get(String url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while checking " + url, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for the stack", e);
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
