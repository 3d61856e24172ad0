package dev.connectnow.message.attachment;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Attachments")
public class AttachmentController {

    private final AttachmentService service;

    public AttachmentController(AttachmentService service) {
        this.service = service;
    }

    @PostMapping(path = "/api/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a file (multipart part 'file'); attach it to a message by id within the TTL")
    public ResponseEntity<AttachmentPayload> upload(AuthenticatedUser me, @RequestPart("file") MultipartFile file) {
        AttachmentPayload attachment = service.upload(me.userId(), file);
        return ResponseEntity.created(URI.create(attachment.fileUrl())).body(attachment);
    }

    @GetMapping("/api/attachments/{id}/content")
    @Operation(summary = "The file's bytes, for whoever may read the message or conversation it belongs to")
    public void content(AuthenticatedUser me, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        send(service.content(me.userId(), id), response);
    }

    @GetMapping("/api/attachments/{id}/thumbnail")
    @Operation(summary = "A small JPEG/PNG preview of an image; same access as the content")
    public void thumbnail(AuthenticatedUser me, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        send(service.thumbnail(me.userId(), id), response);
    }

    /**
     * Streams the bytes with headers that keep a browser from interpreting them as something else: the stored
     * type, {@code nosniff}, a sandboxing CSP, and a {@code Content-Disposition} that any file name is safe in
     * (images, video and audio inline, everything else as a download).
     */
    private static void send(AttachmentService.Download download, HttpServletResponse response) throws IOException {
        try (InputStream in = download.bytes()) {
            String type = download.contentType();
            boolean media = type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/");
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(type);
            if (download.length() >= 0) {
                response.setContentLengthLong(download.length());
            }
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    FileNames.contentDisposition(
                            media ? "inline" : "attachment",
                            download.attachment().fileName()));
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }
}
