package dev.connectnow.testkit.architecture.violations.b;

import org.springframework.stereotype.Component;

/** A rules class that needs Spring: the architecture rules must refuse it. */
@Component
public class ReportPolicy {

    public boolean mayRead(boolean member) {
        return member;
    }
}
