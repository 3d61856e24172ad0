package dev.connectnow.message.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL of every statement the service prepares while recording is on, to count queries per request
 * (N+1 checks). Installed as a BeanPostProcessor around the DataSource; everything else passes through.
 */
public final class StatementLog implements BeanPostProcessor {

    private final List<String> statements = new CopyOnWriteArrayList<>();
    private volatile boolean recording;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
            return new DelegatingDataSource(dataSource) {
                @Override
                public Connection getConnection() throws java.sql.SQLException {
                    return wrap(super.getConnection());
                }
            };
        }
        return bean;
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (recording && method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                statements.add(sql.toLowerCase(java.util.Locale.ROOT));
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** Runs the action while recording and returns the statements it prepared. */
    public List<String> during(Runnable action) {
        statements.clear();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        return List.copyOf(statements);
    }
}
