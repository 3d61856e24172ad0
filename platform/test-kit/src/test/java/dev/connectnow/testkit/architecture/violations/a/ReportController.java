package dev.connectnow.testkit.architecture.violations.a;

import dev.connectnow.testkit.architecture.violations.b.Report;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RestController;

/** Breaks two rules on purpose: it queries the database itself, and package a uses b which uses a. */
@RestController
public class ReportController {

    private final JdbcTemplate jdbc;

    ReportController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Report report() {
        return new Report(jdbc.queryForObject("select count(*) from note", Long.class));
    }
}
