package dev.connectnow.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server per test JVM, chosen by {@code CONNECTNOW_TEST_DB}:
 * <ul>
 *   <li>{@code embedded} (default): zonky's embedded PostgreSQL, real binaries from Maven Central;</li>
 *   <li>{@code external}: the server at {@code CONNECTNOW_TEST_DB_URL} (a JDBC URL of a database the user
 *   may connect to, e.g. {@code jdbc:postgresql://localhost:5432/postgres}), {@code CONNECTNOW_TEST_DB_USER},
 *   {@code CONNECTNOW_TEST_DB_PASSWORD};</li>
 *   <li>{@code testcontainers}: a PostgreSQL container, when a Docker engine answers; otherwise the
 *   embedded server is used and a line says so.</li>
 * </ul>
 * Each test class gets a new, empty database on it.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static volatile TestPostgres shared;

    private final String adminUrl;
    private final String username;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();

    private TestPostgres(String adminUrl, String username, String password) {
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password;
    }

    public static TestPostgres shared() {
        if (shared == null) {
            synchronized (TestPostgres.class) {
                if (shared == null) {
                    shared = start();
                }
            }
        }
        return shared;
    }

    private static TestPostgres start() {
        String mode = System.getenv().getOrDefault("CONNECTNOW_TEST_DB", "embedded");
        if (mode.equals("external")) {
            return new TestPostgres(
                    System.getenv("CONNECTNOW_TEST_DB_URL"),
                    System.getenv().getOrDefault("CONNECTNOW_TEST_DB_USER", "postgres"),
                    System.getenv().getOrDefault("CONNECTNOW_TEST_DB_PASSWORD", "postgres"));
        }
        if (mode.equals("testcontainers")) {
            if (dockerAvailable()) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
                container.start();
                Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-postgres"));
                return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            }
            log.warn("CONNECTNOW_TEST_DB=testcontainers but no Docker engine answers; using embedded PostgreSQL");
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    postgres.close();
                                } catch (IOException ignored) {
                                    // the JVM is exiting
                                }
                            },
                            "stop-test-postgres"));
            return new TestPostgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Creates an empty database; cheap (a copy of template0), so every test class can have its own. */
    public Database createDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new Database(replaceDatabase(adminUrl, name), username, password);
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    public record Database(String jdbcUrl, String username, String password) {}
}
