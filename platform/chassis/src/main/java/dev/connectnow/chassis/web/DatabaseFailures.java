package dev.connectnow.chassis.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "the database is unreachable" however deep it is wrapped: a connection that broke during a
 * transaction surfaces as whatever the failing step was (statement, commit, rollback — e.g.
 * {@code JpaSystemException: Unable to rollback}), with the connection error only in the cause chain.
 * Hibernate and Spring's transaction types are recognised by name: a service without a database has
 * neither on its classpath, and the web capability still asks.
 */
final class DatabaseFailures {

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            boolean completionFailed = isA(t, "org.hibernate.TransactionException")
                    || isA(t, "org.springframework.transaction.TransactionSystemException");
            // a rollback fails only when the connection is gone; the statement error it replaced said why
            if (completionFailed && (startsWith(t, "Unable to rollback") || startsWith(t, "Could not roll back"))) {
                return true;
            }
            // a commit that failed below SQL (pool or driver: "Connection is closed", no SQLSTATE)
            if (completionFailed && sqlStateOfDeepestSqlException(t) == null && hasSqlException(t)) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: server shutting down / not accepting
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String sqlStateOfDeepestSqlException(Throwable failure) {
        String state = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                state = sql.getSQLState();
            }
        }
        return state;
    }

    private static boolean startsWith(Throwable t, String prefix) {
        return t.getMessage() != null && t.getMessage().startsWith(prefix);
    }

    private DatabaseFailures() {}
}
