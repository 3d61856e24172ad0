package dev.connectnow.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The services' PostgreSQL: an embedded server (zonky's real PostgreSQL binaries from Maven
 * Central) with its data directory kept between runs, or an external server. Either way devstack
 * creates the services' databases on it; their schemas are the services' own Flyway migrations.
 */
public final class Postgres implements AutoCloseable {

    static final String NAME = "postgres";

    private final DatabaseServer server;
    private final EmbeddedPostgres embedded;

    private Postgres(DatabaseServer server, EmbeddedPostgres embedded) {
        this.server = server;
        this.embedded = embedded;
    }

    /** Starts the embedded server on {@code dataDir}, or checks that the external one answers. */
    public static Postgres start(DatabaseServer server, Path dataDir, Path logDir, Console console) {
        if (!server.embedded()) {
            Postgres external = new Postgres(server, null);
            try (Connection ignored = external.connect("postgres")) {
                return external;
            } catch (SQLException e) {
                throw new StartupException("cannot connect to " + server + ": " + e.getMessage(), e);
            }
        }
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve(NAME + ".log");
            Files.deleteIfExists(logFile);
            stopLeftoverPostmaster(dataDir, console);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(server.port())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // devstack stops PostgreSQL itself, after the services that use it
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // seven services with a connection pool of 10 each, plus tools
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
            return new Postgres(server, pg);
        } catch (IOException | RuntimeException e) {
            throw new StartupException(
                    "embedded PostgreSQL did not start on port " + server.port() + " with data in " + dataDir + ": "
                            + e.getMessage(),
                    logDir.resolve(NAME + ".log"));
        }
    }

    public DatabaseServer server() {
        return server;
    }

    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), server.user(), server.password());
    }

    /** @return the databases that were created now (the others existed already) */
    public List<String> createDatabasesIfMissing(Collection<String> databases) {
        try (Connection connection = connect("postgres")) {
            return databases.stream()
                    .filter(db -> createIfMissing(connection, db))
                    .toList();
        } catch (SQLException e) {
            throw new StartupException(
                    "cannot create the databases " + databases + " on " + server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("stopping PostgreSQL failed", e);
            }
        }
    }

    private static boolean createIfMissing(Connection connection, String database) {
        // CREATE DATABASE takes no bind parameters; the name is therefore restricted instead of quoted
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
            return true;
        } catch (SQLException e) {
            throw new StartupException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * A PostgreSQL left running by a devstack that was killed hard still owns the data directory;
     * zonky would refuse to start on it. SIGTERM (PostgreSQL's "smart" shutdown) ends it cleanly
     * because its clients, the services, are gone too.
     */
    static void stopLeftoverPostmaster(Path dataDir, Console console) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(
                        Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(h ->
                        h.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
        if (postmaster.isPresent()) {
            console.warn("stopping PostgreSQL (pid " + postmaster.get().pid() + ") left over from an earlier run");
            ChildProcess.terminate(postmaster.get(), Duration.ofSeconds(20));
        }
    }
}
