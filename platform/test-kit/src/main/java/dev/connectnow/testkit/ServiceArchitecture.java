package dev.connectnow.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;

/**
 * The architecture every service keeps, checked with one line in its test tree:
 *
 * <pre>{@code
 * class ArchitectureTest {
 *     @Test
 *     void followsThePlatformArchitecture() {
 *         ServiceArchitecture.verify("dev.connectnow.channel");
 *     }
 * }
 * }</pre>
 *
 * <ol>
 *   <li>{@link ServiceBoundaries}: no other service's code;</li>
 *   <li>no cycles between the service's feature packages ({@code dev.connectnow.channel.readstate} may use
 *   {@code ...channel.channel} or the reverse, not both);</li>
 *   <li>controllers are thin: they never touch repositories, {@code JdbcTemplate}/{@code JdbcClient} or the
 *   {@code EntityManager} themselves;</li>
 *   <li>rule classes, named {@code *Permissions}, {@code *Policy} or {@code *Rules}, are plain Java: no Spring,
 *   no JPA, so they are unit-tested exhaustively without a container.</li>
 * </ol>
 *
 * Types are named, not referenced, so the rules load in services without Spring Data or JDBC.
 */
public final class ServiceArchitecture {

    private static final String[] DATA_ACCESS = {
        "org.springframework.data.repository.Repository",
        "org.springframework.jdbc.core.JdbcOperations",
        "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations",
        "org.springframework.jdbc.core.simple.JdbcClient",
        "jakarta.persistence.EntityManager"
    };

    /** Checks every rule on the service's main classes and fails once, listing all violations. */
    public static void verify(String servicePackage) {
        verify(
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages(servicePackage),
                servicePackage);
    }

    /** As {@link #verify(String)} on classes imported by the caller. */
    public static void verify(JavaClasses service, String servicePackage) {
        if (service.isEmpty()) {
            throw new AssertionError("no classes found in " + servicePackage);
        }
        EvaluationResult result = null;
        for (ArchRule rule : rules(servicePackage)) {
            EvaluationResult evaluation = rule.evaluate(service);
            result = result == null ? evaluation : merge(result, evaluation);
        }
        if (result.hasViolation()) {
            throw new AssertionError(result.getFailureReport().toString());
        }
    }

    public static List<ArchRule> rules(String servicePackage) {
        return List.of(
                ServiceBoundaries.usesNoOtherServiceCode(servicePackage),
                noPackageCycles(servicePackage),
                controllersLeaveDataAccessToServices(),
                rulesArePlainJava());
    }

    public static ArchRule noPackageCycles(String servicePackage) {
        return slices().matching(servicePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("feature packages depend one way; a cycle means the boundary is in the wrong place")
                .allowEmptyShould(true);
    }

    public static ArchRule controllersLeaveDataAccessToServices() {
        var rule = noClasses()
                .that()
                .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or()
                .areAnnotatedWith("org.springframework.stereotype.Controller")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(DATA_ACCESS[0]);
        for (int i = 1; i < DATA_ACCESS.length; i++) {
            rule = rule.orShould().dependOnClassesThat().areAssignableTo(DATA_ACCESS[i]);
        }
        return rule.because("controllers parse, call and map; data access lives in services and stores")
                .allowEmptyShould(true);
    }

    public static ArchRule rulesArePlainJava() {
        return classes()
                .that()
                .haveSimpleNameEndingWith("Permissions")
                .or()
                .haveSimpleNameEndingWith("Policy")
                .or()
                .haveSimpleNameEndingWith("Rules")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages("org.springframework..", "jakarta.persistence..")
                .because("rules are pure functions of their inputs, unit-tested without Spring or a database")
                .allowEmptyShould(true);
    }

    private static EvaluationResult merge(EvaluationResult first, EvaluationResult second) {
        first.add(second);
        return first;
    }

    private ServiceArchitecture() {}
}
