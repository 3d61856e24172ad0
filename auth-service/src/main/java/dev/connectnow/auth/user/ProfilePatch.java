package dev.connectnow.auth.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.validation.HttpUrl;
import jakarta.validation.constraints.Pattern;

/**
 * {@code PATCH /api/users/me}: only these three fields exist, so anything else in the body (email,
 * emailVerified, isBanned, role, ...) is an unknown field and refused with 400 by the chassis' strict JSON.
 * A field left out stays as it is; a field sent as JSON {@code null} is cleared, except displayName, which
 * is required. A class with setters rather than a record, because only setters tell "absent" from "null".
 */
public final class ProfilePatch {

    @CodePoints(min = 1, max = 64)
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    private String displayName;

    @HttpUrl
    private String avatarUrl;

    @CodePoints(max = 500)
    private String bio;

    private boolean displayNameSent;
    private boolean avatarUrlSent;
    private boolean bioSent;

    public static ProfilePatch of(String displayName, String avatarUrl, String bio) {
        ProfilePatch patch = new ProfilePatch();
        patch.setDisplayName(displayName);
        patch.setAvatarUrl(avatarUrl);
        patch.setBio(bio);
        return patch;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
        this.displayNameSent = true;
    }

    public String getAvatarUrl() {
        return avatarUrl;
    }

    public void setAvatarUrl(String avatarUrl) {
        this.avatarUrl = avatarUrl;
        this.avatarUrlSent = true;
    }

    public String getBio() {
        return bio;
    }

    public void setBio(String bio) {
        this.bio = bio;
        this.bioSent = true;
    }

    @JsonIgnore
    public boolean displayNameSent() {
        return displayNameSent;
    }

    @JsonIgnore
    public boolean avatarUrlSent() {
        return avatarUrlSent;
    }

    @JsonIgnore
    public boolean bioSent() {
        return bioSent;
    }
}
