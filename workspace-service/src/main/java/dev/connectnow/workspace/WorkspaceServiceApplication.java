package dev.connectnow.workspace;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Workspaces, their members and roles, invite codes; publishes {@code connectnow.workspace}. */
@SpringBootApplication
public class WorkspaceServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkspaceServiceApplication.class, args);
    }
}
