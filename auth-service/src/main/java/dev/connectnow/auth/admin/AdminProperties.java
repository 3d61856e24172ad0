package dev.connectnow.auth.admin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param admins platform admins (ban/unban), by username or user id, under {@code connectnow.auth.admins} */
@ConfigurationProperties(prefix = "connectnow.auth")
public record AdminProperties(List<String> admins) {

    public AdminProperties {
        admins = admins == null ? List.of() : List.copyOf(admins);
    }
}
