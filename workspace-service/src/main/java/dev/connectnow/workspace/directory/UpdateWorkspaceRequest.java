package dev.connectnow.workspace.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PATCH /api/workspaces/{id}}. A field left out stays as it is; {@code description} and
 * {@code iconUrl} sent as null are cleared; name, slug and isPublic cannot be null. A class rather than a
 * record because "absent" and "null" must be told apart, which the setters record.
 */
public final class UpdateWorkspaceRequest {

    private String name;
    private boolean nameSet;
    private String slug;
    private boolean slugSet;
    private String description;
    private boolean descriptionSet;
    private String iconUrl;
    private boolean iconUrlSet;
    private Boolean isPublic;
    private boolean isPublicSet;

    public void setName(String name) {
        this.name = name;
        this.nameSet = true;
    }

    public void setSlug(String slug) {
        this.slug = slug;
        this.slugSet = true;
    }

    public void setDescription(String description) {
        this.description = description;
        this.descriptionSet = true;
    }

    public void setIconUrl(String iconUrl) {
        this.iconUrl = iconUrl;
        this.iconUrlSet = true;
    }

    @JsonProperty("isPublic")
    public void setIsPublic(Boolean isPublic) {
        this.isPublic = isPublic;
        this.isPublicSet = true;
    }

    String name() {
        return name;
    }

    boolean nameSet() {
        return nameSet;
    }

    String slug() {
        return slug;
    }

    boolean slugSet() {
        return slugSet;
    }

    String description() {
        return description;
    }

    boolean descriptionSet() {
        return descriptionSet;
    }

    String iconUrl() {
        return iconUrl;
    }

    boolean iconUrlSet() {
        return iconUrlSet;
    }

    Boolean isPublic() {
        return isPublic;
    }

    boolean isPublicSet() {
        return isPublicSet;
    }
}
