package dev.connectnow.realtime;

import dev.connectnow.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void followsThePlatformArchitecture() {
        ServiceArchitecture.verify("dev.connectnow.realtime");
    }
}
