package dev.connectnow.devstack;

/**
 * Where the services' databases live: the embedded PostgreSQL devstack starts itself, or an
 * external server that devstack only creates the databases on.
 */
public record DatabaseServer(boolean embedded, String host, int port, String user, String password) {

    /** zonky's initdb uses trust authentication for {@code postgres}, so the password is only for the services. */
    public static DatabaseServer embedded(int port) {
        return new DatabaseServer(true, "localhost", port, "postgres", "postgres");
    }

    public static DatabaseServer external(String host, int port, String user, String password) {
        return new DatabaseServer(false, host, port, user, password);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public DatabaseServer withPort(int newPort) {
        return new DatabaseServer(embedded, host, newPort, user, password);
    }

    @Override
    public String toString() {
        // the password stays out of logs and assertion messages
        return (embedded ? "embedded" : "external") + " PostgreSQL " + user + "@" + host + ":" + port;
    }
}
