package dev.connectnow.devstack.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A journey class against the real platform: methods (and {@code @BeforeAll} methods) may declare an
 * {@link E2ePlatform} parameter. Every class in the test JVM shares one platform, started with the first
 * class that needs it and stopped after the last test (see {@link E2ePlatform}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(E2ePlatform.Extension.class)
public @interface EndToEndTest {}
