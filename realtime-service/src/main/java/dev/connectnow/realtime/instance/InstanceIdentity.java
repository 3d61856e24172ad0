package dev.connectnow.realtime.instance;

import java.security.SecureRandom;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives this process its instance key before anything starts: a short random name, new on every start, that
 * (1) is published in Eureka as the instance's {@code hint} metadata, so the gateway can route
 * {@code /ws/resume/{key}} to exactly this process; (2) names the instance's own Kafka consumer group; (3) is
 * the instance id of its heartbeats. A restarted instance has a new key: resume URLs of the old process match
 * no instance any more and are answered INVALID_SESSION by whichever instance gets them.
 *
 * <p>{@code connectnow.realtime.instance-key} set explicitly (e.g. a pod name) wins.
 */
public class InstanceIdentity implements EnvironmentPostProcessor {

    public static final String KEY_PROPERTY = "connectnow.realtime.instance-key";
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String key = environment.getProperty(KEY_PROPERTY);
        if (key == null || key.isBlank()) {
            key = randomKey();
        }
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "realtime-instance-identity",
                        Map.of(KEY_PROPERTY, key, "eureka.instance.metadata-map.hint", key)));
    }

    static String randomKey() {
        SecureRandom random = new SecureRandom();
        char[] key = new char[12];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(key);
    }
}
