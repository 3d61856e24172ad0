package dev.connectnow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.netty.DisposableServer;

/**
 * The resumes right after an instance crashed: the gateway had just seen the owner ready (and remembers such
 * answers, here for 30 s), the owner is killed, and its sessions' resumes must reach a live instance at once —
 * not the dead owner, where they would fail instead of getting INVALID_SESSION.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "connectnow.security.jwk-set-uri=http://127.0.0.1:9/jwks.json",
            "connectnow.gateway.rate-limit.enabled=false",
            "connectnow.gateway.realtime.readiness-probe-memory=30s"
        })
class RealtimeResumeAfterCrashTest {

    static final DisposableServer SURVIVOR = RealtimeResumeRoutingTest.realtime("survivor", 200);
    static final DisposableServer DOOMED = RealtimeResumeRoutingTest.realtime("doomed", 200);

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        String prefix = "spring.cloud.discovery.client.simple.instances.realtime-service";
        registry.add(prefix + "[0].uri", () -> "http://127.0.0.1:" + SURVIVOR.port());
        registry.add(prefix + "[0].metadata.hint", () -> "survivor");
        registry.add(prefix + "[1].uri", () -> "http://127.0.0.1:" + DOOMED.port());
        registry.add(prefix + "[1].metadata.hint", () -> "doomed");
    }

    @AfterAll
    static void stop() {
        SURVIVOR.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void aResumeRightAfterItsOwnerWasKilledReachesALiveInstance() {
        assertThat(firstMessage("/ws/resume/doomed")).containsExactly("doomed resume");

        DOOMED.disposeNow(); // its port now refuses connections, as after kill -9; it is still listed

        for (int i = 0; i < 3; i++) {
            assertThat(firstMessage("/ws/resume/doomed")).containsExactly("survivor resume");
        }
    }

    private List<String> firstMessage(String path) {
        return RealtimeResumeRoutingTest.receive(port, path);
    }
}
