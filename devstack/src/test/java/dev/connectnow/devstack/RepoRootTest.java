package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRootTest {

    @TempDir
    Path tmp;

    @Test
    void walksUpPastModulePomsToTheRootPom() throws IOException {
        Files.writeString(tmp.resolve("pom.xml"), """
                <project>
                  <parent><groupId>org.springframework.boot</groupId>
                    <artifactId>spring-boot-starter-parent</artifactId></parent>
                  <groupId>dev.connectnow</groupId>
                  <artifactId>connectnow</artifactId>
                </project>""");
        Path module = Files.createDirectories(tmp.resolve("platform/events"));
        Files.writeString(module.resolve("pom.xml"), """
                <project>
                  <parent><groupId>dev.connectnow</groupId><artifactId>connectnow</artifactId></parent>
                  <artifactId>platform-events</artifactId>
                </project>""");
        Path deep = Files.createDirectories(module.resolve("src/main/java"));

        assertThat(RepoRoot.locate(deep)).isEqualTo(tmp.toRealPath());
        assertThat(RepoRoot.isRoot(module)).isFalse();
    }

    @Test
    void outsideTheRepositoryItSaysSo() {
        assertThatThrownBy(() -> RepoRoot.locate(tmp)).hasMessageContaining("not inside the ConnectNow repository");
    }

    @Test
    void findsThisRepositoryFromTheModuleDirectory() {
        Path root = RepoRoot.locate();

        assertThat(root.resolve("devstack/pom.xml")).isRegularFile();
        assertThat(RepoRoot.isRoot(root.resolve("devstack"))).isFalse();
    }
}
