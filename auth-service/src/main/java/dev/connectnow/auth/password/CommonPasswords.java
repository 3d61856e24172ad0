package dev.connectnow.auth.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The list of passwords too common to allow, compared lower-cased. Loaded once; a few hundred entries. */
public final class CommonPasswords {

    public static final String RESOURCE = "/passwords/common-passwords.txt";

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    public static CommonPasswords of(Set<String> passwords) {
        Set<String> lower = new HashSet<>();
        passwords.forEach(p -> lower.add(p.toLowerCase(Locale.ROOT)));
        return new CommonPasswords(lower);
    }

    /** The list shipped with the service ({@value #RESOURCE}); lines starting with {@code #} are comments. */
    public static CommonPasswords bundled() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Set<String> entries = new HashSet<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        entries.add(line.toLowerCase(Locale.ROOT));
                    }
                }
            }
            return new CommonPasswords(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean contains(String password) {
        return passwords.contains(password.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return passwords.size();
    }
}
