package dev.connectnow.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.connectnow.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void followsThePlatformArchitecture() {
        ServiceArchitecture.verify("dev.connectnow.auth");
    }

    /** auth-service's pure rules predate the *Policy/*Rules naming the platform rule checks; same rule, by name. */
    @Test
    void pureRulesNamedOtherwiseDoNotNeedSpringOrJpa() {
        classes()
                .that()
                .haveSimpleNameStartingWith("SlidingWindow")
                .or()
                .haveSimpleNameStartingWith("RefreshRotation")
                .or()
                .haveSimpleNameStartingWith("RefreshTokens")
                .or()
                .haveSimpleNameStartingWith("Usernames")
                .or()
                .haveSimpleNameStartingWith("Emails")
                .or()
                .haveSimpleNameStartingWith("PlatformAdmins")
                .or()
                .haveSimpleNameStartingWith("CommonPasswords")
                .or()
                .haveSimpleNameStartingWith("ProvisionedProfile")
                .or()
                .haveSimpleNameStartingWith("SubjectTokenChecks")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages("org.springframework..", "jakarta.persistence..")
                .because("the rules are unit-tested without a container")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.connectnow.auth"));
    }
}
