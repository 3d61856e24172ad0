package dev.connectnow.message.attachment.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where attachment bytes live, by key ({@code files/<id>}, {@code thumbnails/<id>.jpg}). Metadata and every
 * authorization decision stay in the database; a backend only stores and returns bytes. Selected with
 * {@code connectnow.storage.type}: {@code local} (a directory, the default) or {@code s3} (any S3-compatible
 * service).
 */
public interface BlobStorage {

    /** Stores the file's bytes under the key, replacing what was there. */
    void put(String key, Path file, String contentType) throws IOException;

    /** The stored bytes; {@link BlobNotFoundException} if there are none. */
    InputStream open(String key) throws IOException;

    /** Removes the bytes; removing what is not there is not an error. */
    void delete(String key) throws IOException;

    /** The stored bytes of a key are gone (deleted, or lost by the backend). */
    class BlobNotFoundException extends IOException {
        public BlobNotFoundException(String key) {
            super("no stored bytes for " + key);
        }
    }
}
