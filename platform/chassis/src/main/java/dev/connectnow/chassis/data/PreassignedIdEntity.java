package dev.connectnow.chassis.data;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * Base of entities whose id is assigned by the application before the insert (a UUIDv7 from
 * {@code UuidV7.next()}, so rows page by time and events can name the id before commit).
 *
 * <p>Spring Data decides between insert and update by asking {@link #isNew()}; with an id already set it
 * would otherwise assume "update", {@code merge} the entity and run a SELECT first. Here an entity made by
 * the application is new until it has been persisted, and one read from the database never is, so
 * {@code repository.save(entity)} inserts with a single INSERT, and no {@code persist} + {@code flush} mix is
 * needed. Subclasses call {@code super(id)} from their factory-used constructor and keep a protected no-arg
 * constructor for JPA.
 */
@MappedSuperclass
public abstract class PreassignedIdEntity implements Persistable<UUID> {

    @Id
    private UUID id;

    @Transient
    private boolean fresh;

    /** For JPA, which loads existing rows. */
    protected PreassignedIdEntity() {}

    /** A new entity, inserted by the next {@code save}. */
    protected PreassignedIdEntity(UUID id) {
        this.id = Objects.requireNonNull(id, "id");
        this.fresh = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    @PostLoad
    void markPersisted() {
        fresh = false;
    }
}
