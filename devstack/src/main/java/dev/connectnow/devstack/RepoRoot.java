package dev.connectnow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the repository root, so devstack works when started from the root, a module or an IDE. */
public final class RepoRoot {

    private static final String ROOT_ARTIFACT_ID = "connectnow";

    /** The first artifactId once the parent block is gone is the project's own. */
    private static final Pattern FIRST_ARTIFACT_ID = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");

    private RepoRoot() {}

    public static Path locate() {
        return locate(Path.of("").toAbsolutePath());
    }

    public static Path locate(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the ConnectNow repository (no pom.xml with "
                + "<artifactId>connectnow</artifactId> above " + start.toAbsolutePath() + ")");
    }

    static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String pomText =
                    Files.readString(pom).replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<parent>.*?</parent>", "");
            Matcher artifactId = FIRST_ARTIFACT_ID.matcher(pomText);
            return artifactId.find() && ROOT_ARTIFACT_ID.equals(artifactId.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }
}
