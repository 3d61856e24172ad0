package dev.connectnow.presence;

import dev.connectnow.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void presenceServiceFollowsTheServiceArchitecture() {
        ServiceArchitecture.verify("dev.connectnow.presence");
    }
}
