package dev.connectnow.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.connectnow.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ServiceArchitectureTest {

    private static final String VIOLATIONS = "dev.connectnow.testkit.architecture.violations";

    @Test
    void theSampleServiceFollowsThePlatformArchitecture() {
        // the sample lives in the test tree, so its classes are imported with the tests
        String sample = "dev.connectnow.testkit.sample";
        ServiceArchitecture.verify(new ClassFileImporter().importPackages(sample), sample);
    }

    @Test
    void eachRuleFindsItsViolation() {
        JavaClasses violations = new ClassFileImporter().importPackages(VIOLATIONS);
        assertThat(ServiceArchitecture.noPackageCycles(VIOLATIONS)
                        .evaluate(violations)
                        .hasViolation())
                .as("a <-> b cycle")
                .isTrue();
        assertThat(ServiceArchitecture.controllersLeaveDataAccessToServices()
                        .evaluate(violations)
                        .getFailureReport()
                        .toString())
                .contains("ReportController")
                .contains("JdbcTemplate");
        assertThat(ServiceArchitecture.rulesArePlainJava()
                        .evaluate(violations)
                        .getFailureReport()
                        .toString())
                .contains("ReportPolicy");
    }
}
