package dev.connectnow.testkit.sample;

import dev.connectnow.chassis.data.PreassignedIdEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** An entity with an application-assigned id, inserted by a plain {@code save}. */
@Entity
@Table(name = "tag")
public class Tag extends PreassignedIdEntity {

    private String name;
    private String slug;
    private String description;

    protected Tag() {}

    public Tag(UUID id, String name, String slug) {
        super(id);
        this.name = name;
        this.slug = slug;
    }

    public String getName() {
        return name;
    }

    public String getSlug() {
        return slug;
    }

    public String getDescription() {
        return description;
    }

    public void rename(String newName) {
        name = newName;
    }

    public void describe(String newDescription) {
        description = newDescription;
    }
}
