package dev.connectnow.chassis.web;

import java.io.IOException;
import java.nio.file.FileSystemException;

/**
 * Tells whose fault a multipart body that could not be parsed is. The container's parser names what is wrong
 * with the request in its own exception types — no boundary, a part cut short ({@code MalformedStreamException},
 * {@code EOFException}), a file name holding a NUL ({@code InvalidFileNameException}) — all of them more
 * specific than {@link IOException}. What is ours is I/O on this side: a part that could not be spooled to the
 * temporary directory, or a missing upload location, reaches the application as a plain {@code IOException}
 * (or a file-system one) at the root of the chain. Decided by that root, so no container's types are needed.
 */
final class MultipartFailures {

    private MultipartFailures() {}

    static boolean isServerSide(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass() == IOException.class || root instanceof FileSystemException;
    }
}
