package dev.connectnow.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * Architecture rules every service checks with ArchUnit: a service uses only its own code and the
 * platform (events, http-syntax, chassis); never another service's classes.
 */
public final class ServiceBoundaries {

    /** Base packages of every service in the suite; a new service adds its package here. */
    public static final List<String> SERVICE_PACKAGES = List.of(
            "dev.connectnow.auth",
            "dev.connectnow.workspace",
            "dev.connectnow.channel",
            "dev.connectnow.message",
            "dev.connectnow.dm",
            "dev.connectnow.presence",
            "dev.connectnow.realtime",
            "dev.connectnow.gateway",
            "dev.connectnow.discovery",
            "dev.connectnow.devstack");

    public static ArchRule usesNoOtherServiceCode(String ownPackage) {
        String[] foreign = SERVICE_PACKAGES.stream()
                .filter(p -> !p.equals(ownPackage))
                .map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(ownPackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(foreign)
                .because(
                        "services share contracts (platform-events) and plumbing (platform-chassis, platform-http-syntax) only");
    }

    private ServiceBoundaries() {}
}
