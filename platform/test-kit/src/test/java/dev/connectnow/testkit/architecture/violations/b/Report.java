package dev.connectnow.testkit.architecture.violations.b;

import dev.connectnow.testkit.architecture.violations.a.ReportController;

/** Refers back to package a: the cycle the architecture rules must find. */
public record Report(Long count) {

    public static Class<?> producedBy() {
        return ReportController.class;
    }
}
