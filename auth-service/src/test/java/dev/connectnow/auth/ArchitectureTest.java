package dev.connectnow.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.connectnow.testkit.ServiceBoundaries;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RestController;

class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.connectnow.auth");
    }

    @Test
    void usesNoOtherServicesCode() {
        ServiceBoundaries.usesNoOtherServiceCode("dev.connectnow.auth").check(classes);
    }

    @Test
    void controllersLeaveDataAccessToServices() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Repository.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(JdbcTemplate.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(EntityManager.class)
                .because("controllers are thin: domain logic and data access live in services and plain classes")
                .check(classes);
    }

    @Test
    void pureRulesDoNotNeedSpringOrJpa() {
        classes()
                .that()
                .haveSimpleNameStartingWith("PasswordPolicy")
                .or()
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
                .haveSimpleNameStartingWith("LinkingRules")
                .or()
                .haveSimpleNameStartingWith("ProvisionedProfile")
                .or()
                .haveSimpleNameStartingWith("SubjectTokenChecks")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages("org.springframework..", "jakarta.persistence..")
                .because("the rules are unit-tested without a container")
                .check(classes);
    }
}
