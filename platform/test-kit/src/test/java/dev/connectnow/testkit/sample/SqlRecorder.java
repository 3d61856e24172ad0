package dev.connectnow.testkit.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Remembers every statement Hibernate prepares in this JVM, to count the SQL an operation costs. */
public class SqlRecorder implements StatementInspector {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
        STATEMENTS.add(sql);
        return sql;
    }

    static void clear() {
        STATEMENTS.clear();
    }

    /** Statements since the last {@link #clear()}, lower-cased. */
    static List<String> statements() {
        return STATEMENTS.stream().map(String::toLowerCase).toList();
    }
}
