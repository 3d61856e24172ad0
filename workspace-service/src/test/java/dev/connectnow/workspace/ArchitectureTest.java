package dev.connectnow.workspace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.connectnow.testkit.ServiceBoundaries;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.connectnow.workspace");

    @Test
    void usesNoOtherServiceCode() {
        ServiceBoundaries.usesNoOtherServiceCode("dev.connectnow.workspace").check(classes);
    }

    @Test
    void roleRulesStayFreeOfSpring() {
        noClasses()
                .that()
                .haveSimpleName("MembershipPolicy")
                .or()
                .haveSimpleName("WorkspaceRules")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .check(classes);
    }
}
