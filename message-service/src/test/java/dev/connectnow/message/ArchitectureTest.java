package dev.connectnow.message;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.connectnow.testkit.ServiceBoundaries;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void messageServiceUsesNoOtherServiceCode() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.connectnow");
        ServiceBoundaries.usesNoOtherServiceCode("dev.connectnow.message").check(classes);
    }
}
