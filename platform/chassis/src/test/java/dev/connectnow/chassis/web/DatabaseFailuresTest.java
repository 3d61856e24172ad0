package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;

class DatabaseFailuresTest {

    @Test
    void aBrokenConnectionIsRecognisedBehindAnyWrapper() {
        SQLException ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(DatabaseFailures.isUnavailable(new JpaSystemException(
                        new RuntimeException("Unable to rollback against JDBC Connection", ioError))))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(
                        new IllegalStateException(new SQLTransientConnectionException("pool timeout"))))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new JpaSystemException(new org.hibernate.TransactionException(
                        "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")))))
                .as("the rollback of a statement that lost its connection")
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new org.hibernate.TransactionException(
                        "Unable to commit against JDBC Connection", new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNotOutages() {
        assertThat(DatabaseFailures.isUnavailable(new DataIntegrityViolationException(
                        "duplicate", new SQLException("duplicate key value violates unique constraint", "23505"))))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalArgumentException("no cause")))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new org.hibernate.TransactionException(
                        "Unable to commit against JDBC Connection",
                        new SQLException("deferred unique violation", "23505"))))
                .as("a commit refused by a constraint is not an outage")
                .isFalse();
    }
}
