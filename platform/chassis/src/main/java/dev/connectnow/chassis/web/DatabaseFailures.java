package dev.connectnow.chassis.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "the database is unreachable" however deep it is wrapped: a connection that broke during a
 * transaction surfaces as whatever the failing step was (statement, commit, rollback — e.g.
 * {@code JpaSystemException: Unable to rollback}), with the connection error only in the cause chain.
 */
final class DatabaseFailures {

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: server shutting down / not accepting
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    private DatabaseFailures() {
    }
}
