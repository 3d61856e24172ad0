package dev.connectnow.chassis.observability;

import java.util.LinkedHashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.util.ClassUtils;

/**
 * Defines the {@code readiness} health group from what this service really has, unless the service
 * configured the group itself: the application's readiness state, plus {@code db} when there is a
 * DataSource (a service is not ready while its database is unreachable, R5). Boot refuses to start when a
 * group names a contributor that does not exist, so a fixed {@code include: readinessState,db} in the
 * defaults file would break every service without a database; this decides once the beans are known.
 */
public final class ReadinessGroupDefaults implements BeanPostProcessor {

    static final String GROUP = "readiness";
    private static final String DATABASE_INDICATOR = "org.springframework.boot.jdbc.health.DataSourceHealthIndicator";

    private final ListableBeanFactory beans;

    ReadinessGroupDefaults(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** The members the readiness group gets when the service leaves it to the chassis. */
    public Set<String> members() {
        Set<String> members = new LinkedHashSet<>();
        members.add("readinessState");
        boolean database = beans.getBeanNamesForType(DataSource.class, false, false).length > 0;
        if (database && ClassUtils.isPresent(DATABASE_INDICATOR, getClass().getClassLoader())) {
            members.add("db");
        }
        return members;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HealthEndpointProperties health
                && !health.getGroup().containsKey(GROUP)) {
            HealthEndpointProperties.Group readiness = new HealthEndpointProperties.Group();
            readiness.setInclude(members());
            health.getGroup().put(GROUP, readiness);
        }
        return bean;
    }
}
