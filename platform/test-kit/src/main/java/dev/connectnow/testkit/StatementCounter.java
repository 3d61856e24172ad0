package dev.connectnow.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Counts the INSERT, UPDATE or DELETE statements run on one table while it is open, with a statement-level trigger:
 * how a test proves that work is done in few statements (a batch, deletes gathered), which no row count shows.
 * Closing it drops the trigger, its function and the table that holds the count.
 */
public final class StatementCounter implements AutoCloseable {

    private static final Set<String> OPERATIONS = Set.of("insert", "update", "delete");

    private final DataSource database;
    private final String name;
    private final String table;

    private StatementCounter(DataSource database, String table, String operation) {
        this.database = database;
        this.table = table;
        this.name = "counted_" + operation + "_on_" + table;
    }

    /** Starts counting {@code operation} ("insert", "update" or "delete") statements on {@code table}. */
    public static StatementCounter on(DataSource database, String table, String operation) {
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("not a counted operation: " + operation);
        }
        StatementCounter counter = new StatementCounter(database, table, operation);
        counter.execute(
                "create table " + counter.name + " (counted boolean not null default true)",
                "create function " + counter.name + "() returns trigger language plpgsql as $$ begin insert into "
                        + counter.name + " default values; return null; end $$",
                "create trigger " + counter.name + " after " + operation + " on " + table
                        + " for each statement execute function " + counter.name + "()");
        return counter;
    }

    /** The statements counted so far (committed ones only: the count is written in each statement's transaction). */
    public int count() {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select count(*) from " + name)) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + name, e);
        }
    }

    @Override
    public void close() {
        execute("drop trigger " + name + " on " + table, "drop function " + name + "()", "drop table " + name);
    }

    private void execute(String... statements) {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement counter " + name + " failed", e);
        }
    }
}
