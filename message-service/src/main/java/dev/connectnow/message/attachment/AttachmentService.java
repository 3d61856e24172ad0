package dev.connectnow.message.attachment;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.message.access.MessageAccess;
import dev.connectnow.message.access.MessagePermissions.MessageAction;
import dev.connectnow.message.attachment.FileInspector.ImageFacts;
import dev.connectnow.message.attachment.storage.BlobStorage;
import dev.connectnow.message.conversation.ConversationDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads, downloads and ownership of attachments. An upload belongs to its uploader until a channel post
 * attaches it or dm-service claims it for a direct message; from then on it is readable by whoever may read
 * that message (channel) or conversation (DM), and gone with the message.
 */
@Service
public class AttachmentService {

    /** Most attachments one message can carry. */
    public static final int MAX_PER_MESSAGE = 10;

    private final AttachmentStore store;
    private final BlobStorage storage;
    private final FileInspector inspector;
    private final AttachmentProperties properties;
    private final MessageAccess access;
    private final ConversationDirectory conversations;
    private final Clock clock;

    public AttachmentService(
            AttachmentStore store,
            BlobStorage storage,
            FileInspector inspector,
            AttachmentProperties properties,
            MessageAccess access,
            ConversationDirectory conversations,
            Clock clock) {
        this.store = store;
        this.storage = storage;
        this.inspector = inspector;
        this.properties = properties;
        this.access = access;
        this.conversations = conversations;
        this.clock = clock;
    }

    /**
     * Stores an upload: type from the bytes (415 unless allowed), images measured from their header (bombs
     * refused) and thumbnailed; the bytes first, then the row, so a row never points at nothing.
     */
    public AttachmentPayload upload(UUID me, MultipartFile file) {
        if (file.isEmpty()) {
            throw ApiException.invalidField("file", "is empty");
        }
        Path temporary = null;
        Path thumbnailFile = null;
        try {
            temporary = Files.createTempFile("connectnow-upload-", ".bin");
            file.transferTo(temporary);
            String mimeType = inspector.detect(temporary);
            if (!properties.allowedTypes().contains(mimeType)) {
                throw new ApiException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Files of type " + mimeType + " are not accepted");
            }
            Optional<ImageFacts> image =
                    mimeType.startsWith("image/") ? inspector.inspectImage(temporary) : Optional.empty();
            UUID id = UuidV7.next();
            String storageKey = "files/" + id;
            String thumbnailKey = null;
            storeBytes(storageKey, temporary, mimeType);
            if (image.isPresent() && image.get().thumbnail() != null) {
                ImageFacts facts = image.get();
                thumbnailKey = "thumbnails/" + id + (facts.thumbnailType().equals("image/png") ? ".png" : ".jpg");
                thumbnailFile = Files.createTempFile("connectnow-thumbnail-", ".bin");
                Files.write(thumbnailFile, facts.thumbnail());
                storeBytes(thumbnailKey, thumbnailFile, facts.thumbnailType());
            }
            AttachmentRecord record = new AttachmentRecord(
                    id,
                    me,
                    FileNames.clean(file.getOriginalFilename()),
                    "/api/attachments/" + id + "/content",
                    Files.size(temporary),
                    mimeType,
                    thumbnailKey == null ? null : "/api/attachments/" + id + "/thumbnail",
                    image.map(ImageFacts::width).orElse(null),
                    image.map(ImageFacts::height).orElse(null),
                    storageKey,
                    thumbnailKey,
                    null,
                    null,
                    null,
                    null,
                    Instant.now(clock));
            try {
                store.insert(record);
            } catch (RuntimeException e) {
                deleteQuietly(storageKey);
                deleteQuietly(thumbnailKey);
                throw e;
            }
            return record.payload();
        } catch (IOException e) {
            throw new StorageUnavailableException(e);
        } finally {
            deleteTemporary(temporary);
            deleteTemporary(thumbnailFile);
        }
    }

    /** A file and its bytes, for one download. */
    public record Download(AttachmentRecord attachment, String contentType, long length, InputStream bytes) {}

    /** The file's bytes if the caller may read where it was posted; 404 otherwise (existence is not told). */
    @Transactional(readOnly = true)
    public Download content(UUID me, UUID id) {
        AttachmentRecord a = readable(me, id);
        return new Download(a, a.mimeType(), a.fileSize(), open(a.storageKey()));
    }

    @Transactional(readOnly = true)
    public Download thumbnail(UUID me, UUID id) {
        AttachmentRecord a = readable(me, id);
        if (a.thumbnailKey() == null) {
            throw ApiException.notFound("This file has no thumbnail");
        }
        String type = a.thumbnailKey().endsWith(".png") ? "image/png" : "image/jpeg";
        return new Download(a, type, -1, open(a.thumbnailKey()));
    }

    private AttachmentRecord readable(UUID me, UUID id) {
        AttachmentRecord a = store.find(id)
                .filter(found -> !found.isDeleted())
                .orElseThrow(() -> ApiException.notFound("Not found"));
        if (a.messageId() != null) {
            AttachmentStore.PostedIn postedIn = store.postedIn(a.messageId())
                    .filter(p -> !p.messageDeleted())
                    .orElseThrow(() -> ApiException.notFound("Not found"));
            access.require(MessageAction.READ, postedIn.channelId(), me, "read this file");
        } else if (a.directMessageId() != null) {
            if (!me.equals(a.uploaderId()) && !conversations.isParticipant(a.conversationId(), me)) {
                throw ApiException.notFound("Not found");
            }
        } else if (!me.equals(a.uploaderId())) {
            throw ApiException.notFound("Not found");
        }
        return a;
    }

    private InputStream open(String key) {
        try {
            return storage.open(key);
        } catch (BlobStorage.BlobNotFoundException e) {
            throw ApiException.notFound("Not found");
        } catch (IOException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /**
     * Locks the caller's uploads for a post and checks that each exists, is theirs and is attached to nothing;
     * otherwise 400 on {@code attachmentIds} and nothing changes. Returns them in the requested order.
     */
    public List<AttachmentRecord> lockForPost(UUID me, List<UUID> ids) {
        return lockOwn(me, ids, a -> a.isUnattached() ? null : "is already attached to a message");
    }

    public void attach(UUID messageId, List<AttachmentRecord> attachments) {
        store.attachToMessage(
                messageId, attachments.stream().map(AttachmentRecord::id).toList());
    }

    /**
     * Contract 1 (dm-service): records that a direct message carries the caller's uploads. Idempotent for the
     * same direct message; any id that is unknown, someone else's, attached to a channel message or claimed by
     * another direct message fails the whole call (400, nothing changes).
     */
    @Transactional
    public List<AttachmentPayload> claim(UUID me, List<UUID> ids, UUID directMessageId, UUID conversationId) {
        List<AttachmentRecord> locked = lockOwn(me, ids, a -> {
            if (a.messageId() != null) {
                return "is attached to a channel message";
            }
            if (a.directMessageId() != null
                    && !(a.directMessageId().equals(directMessageId)
                            && a.conversationId().equals(conversationId))) {
                return "is attached to another direct message";
            }
            return null;
        });
        store.claimForDirectMessage(ids, directMessageId, conversationId);
        return locked.stream().map(AttachmentRecord::payload).toList();
    }

    /** After {@code dm.message.created}: the claim stands and the files no longer expire. */
    public void directMessageCreated(UUID directMessageId) {
        store.confirmDirectMessage(directMessageId);
    }

    /** After {@code dm.message.deleted}: the files are 404 for everyone and their bytes go. */
    public void directMessageDeleted(UUID directMessageId) {
        store.markDeletedOfDirectMessage(directMessageId, Instant.now(clock));
    }

    public void messageDeleted(UUID messageId, Instant at) {
        store.markDeletedOfMessage(messageId, at);
    }

    public Map<UUID, List<AttachmentPayload>> ofMessages(List<UUID> messageIds) {
        return store.ofMessages(messageIds);
    }

    private List<AttachmentRecord> lockOwn(UUID me, List<UUID> ids, Function<AttachmentRecord, String> refusal) {
        if (ids.size() > MAX_PER_MESSAGE) {
            throw ApiException.invalidField("attachmentIds", "must have at most " + MAX_PER_MESSAGE + " ids");
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw ApiException.invalidField("attachmentIds", "must not contain an id twice");
        }
        Map<UUID, AttachmentRecord> byId = store.lock(new LinkedHashSet<>(ids)).stream()
                .collect(Collectors.toMap(AttachmentRecord::id, Function.identity()));
        for (UUID id : ids) {
            AttachmentRecord a = byId.get(id);
            if (a == null || a.isDeleted() || !me.equals(a.uploaderId())) {
                throw ApiException.invalidField("attachmentIds", id + " is not an upload of yours");
            }
            String problem = refusal.apply(a);
            if (problem != null) {
                throw ApiException.invalidField("attachmentIds", id + " " + problem);
            }
        }
        return ids.stream().map(byId::get).toList();
    }

    private void storeBytes(String key, Path file, String contentType) {
        try {
            storage.put(key, file, contentType);
        } catch (IOException e) {
            throw new StorageUnavailableException(e);
        }
    }

    private void deleteQuietly(String key) {
        if (key == null) {
            return;
        }
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            // the janitor cannot find orphaned bytes; accepted: this happens only when the database failed too
        }
    }

    private static void deleteTemporary(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // the temporary directory is cleaned by the OS
            }
        }
    }
}
