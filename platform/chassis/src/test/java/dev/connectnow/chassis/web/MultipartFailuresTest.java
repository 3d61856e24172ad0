package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.MultipartStream;
import org.apache.tomcat.util.http.fileupload.impl.IOFileUploadException;
import org.junit.jupiter.api.Test;
import org.springframework.web.multipart.MultipartException;

/** Tomcat's own failures, wrapped as Spring wraps them. */
class MultipartFailuresTest {

    private static MultipartException parsing(Throwable cause) {
        return new MultipartException("Failed to parse multipart servlet request", cause);
    }

    @Test
    void whatTheParserSaysAboutTheRequestIsTheClientsFault() {
        assertThat(MultipartFailures.isServerSide(parsing(
                        new FileUploadException("the request was rejected because no multipart boundary was found"))))
                .isFalse();
        assertThat(MultipartFailures.isServerSide(parsing(new IOException(new IOFileUploadException(
                        "Processing of multipart/form-data request failed. Stream ended unexpectedly",
                        new MultipartStream.MalformedStreamException("Stream ended unexpectedly"))))))
                .as("a part cut short")
                .isFalse();
        assertThat(MultipartFailures.isServerSide(
                        parsing(new InvalidFileNameException("a\0b.txt", "Invalid file name: a\\0b.txt"))))
                .isFalse();
        assertThat(MultipartFailures.isServerSide(parsing(new ClientAbortException(new EOFException()))))
                .as("the client went away")
                .isFalse();
    }

    @Test
    void ioOnThisSideIsOurs() {
        assertThat(MultipartFailures.isServerSide(parsing(new IOFileUploadException(
                        "Processing of multipart/form-data request failed. No space left on device",
                        new IOException("No space left on device")))))
                .isTrue();
        assertThat(MultipartFailures.isServerSide(
                        parsing(new FileSystemException("/tmp/tomcat/upload_1.tmp", null, "Read-only file system"))))
                .isTrue();
        assertThat(MultipartFailures.isServerSide(
                        parsing(new IOException("The temporary upload location [/tmp/gone] is not valid"))))
                .isTrue();
    }
}
