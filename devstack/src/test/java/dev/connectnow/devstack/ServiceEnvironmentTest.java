package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private final DevStackConfig config = DevStackConfig.defaults(Path.of("/repo"));
    private final ServiceDefinition auth = Services.BUSINESS.get(0);

    @Test
    void aServiceWithADatabaseGetsItsPortDatabaseKafkaAndEureka() {
        Map<String, String> env = ServiceEnvironment.of(auth, config, Map.of());

        assertThat(env)
                .containsEntry("SERVER_PORT", "8081")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/connectnow_auth")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "postgres")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "postgres")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("EUREKA_URL", "http://localhost:8761/eureka")
                .containsEntry("CONNECTNOW_AUTH_SERVICE_URL", "http://localhost:8081")
                .containsEntry("EUREKA_INSTANCE_IPADDRESS", "127.0.0.1");
    }

    @Test
    void authServiceSignsWithTheKeyPairKeptInTheWorkDirectory() {
        Map<String, String> env = ServiceEnvironment.of(auth, config, Map.of());

        assertThat(env)
                .containsEntry(
                        "CONNECTNOW_AUTH_SIGNING_KEY_PRIVATE_KEY", "file:/repo/.devstack/keys/auth-signing-key.pem")
                .containsEntry(
                        "CONNECTNOW_AUTH_SIGNING_KEY_PUBLIC_KEY", "file:/repo/.devstack/keys/auth-signing-key.pub.pem");
        assertThat(ServiceEnvironment.of(Services.BUSINESS.get(1), config, Map.of()))
                .doesNotContainKey("CONNECTNOW_AUTH_SIGNING_KEY_PRIVATE_KEY");
    }

    @Test
    void messageServiceKeepsUploadedFilesInTheWorkDirectory() {
        ServiceDefinition message = Services.BUSINESS.stream()
                .filter(s -> s.name().equals("message-service"))
                .findFirst()
                .orElseThrow();

        assertThat(ServiceEnvironment.of(message, config, Map.of()))
                .containsEntry(
                        "ATTACHMENT_STORAGE_DIRECTORY",
                        Path.of("/repo/.devstack/attachments").toString())
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/connectnow_message")
                .containsEntry("SERVER_PORT", "8084");
        assertThat(ServiceEnvironment.of(auth, config, Map.of())).doesNotContainKey("ATTACHMENT_STORAGE_DIRECTORY");
    }

    @Test
    void aKeyPairIsCreatedOnceAndThenKept(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        SigningKeyPair.ensureIn(dir);
        String first = java.nio.file.Files.readString(SigningKeyPair.privateKeyFile(dir));
        SigningKeyPair.ensureIn(dir);

        assertThat(java.nio.file.Files.readString(SigningKeyPair.privateKeyFile(dir)))
                .isEqualTo(first)
                .startsWith("-----BEGIN PRIVATE KEY-----");
        java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getMimeDecoder()
                        .decode(java.nio.file.Files.readString(SigningKeyPair.publicKeyFile(dir))
                                .replaceAll("-----[A-Z ]+-----", ""))));
    }

    @Test
    void applicationsWithoutADatabaseGetNoDatasource() {
        Map<String, String> env = ServiceEnvironment.of(Services.GATEWAY, config, Map.of());

        assertThat(env)
                .containsEntry("SERVER_PORT", "8080")
                .doesNotContainKeys(
                        "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void extraEnvironmentOverridesTheDefaults() {
        DevStackConfig tuned = config.withExtraEnv(Map.of(
                "SPRING_CLOUD_LOADBALANCER_CACHE_TTL", "1s",
                "SPRING_PROFILES_ACTIVE", "e2e"));

        assertThat(ServiceEnvironment.of(auth, tuned, Map.of()))
                .containsEntry("SPRING_CLOUD_LOADBALANCER_CACHE_TTL", "1s")
                .containsEntry("SPRING_PROFILES_ACTIVE", "e2e");
    }

    @Test
    void followsTheConfiguredPortsAndExternalServers() {
        DevStackConfig external = config.withPort("auth-service", 18081)
                .withEnvironment(Map.of("CONNECTNOW_DB_HOST", "db", "CONNECTNOW_KAFKA_BOOTSTRAP_SERVERS", "k:1"));

        assertThat(ServiceEnvironment.of(auth, external, Map.of()))
                .containsEntry("SERVER_PORT", "18081")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5432/connectnow_auth")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "k:1");
    }

    @Test
    void devstacksOwnEnvironmentReplacesDefaultsButNotTheAddressesItChose() {
        Map<String, String> env = ServiceEnvironment.of(
                auth,
                config,
                Map.of(
                        "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                        "SERVER_PORT", "9999",
                        "EUREKA_URL", "http://elsewhere/eureka"));

        assertThat(env)
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .containsEntry("SERVER_PORT", "8081")
                .containsEntry("EUREKA_URL", "http://localhost:8761/eureka");
    }

    @Test
    void servicesLogPlainTextUnlessToldOtherwise() {
        assertThat(ServiceEnvironment.of(auth, config, Map.of()))
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "")
                .containsKey("LOGGING_PATTERN_CONSOLE");
    }

    /** Spring binds environment variables by removing dashes: LEASE_RENEWAL_... would silently bind nothing. */
    @Test
    void defaultsUseTheCanonicalRelaxedBindingForm() {
        assertThat(ServiceEnvironment.LOCAL_RUN_DEFAULTS.keySet())
                .allSatisfy(name -> assertThat(name).matches("[A-Z0-9]+(_[A-Z0-9]+)*"))
                .contains("EUREKA_CLIENT_REGISTRYFETCHINTERVALSECONDS", "SPRING_CLOUD_LOADBALANCER_CACHE_TTL");
    }
}
