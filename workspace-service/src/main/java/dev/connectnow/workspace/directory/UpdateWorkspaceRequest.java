package dev.connectnow.workspace.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.validation.HttpUrl;
import dev.connectnow.chassis.web.PatchField;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /api/workspaces/{id}} (the PATCH convention of docs/api.md): a field left out stays as
 * it is; {@code description} and {@code iconUrl} sent as null are cleared; name, slug and isPublic cannot be
 * null.
 */
public record UpdateWorkspaceRequest(
        PatchField<@NotBlank @CodePoints(max = Workspace.NAME_MAX) String> name,
        PatchField<
                        @NotNull @Size(min = Workspace.SLUG_MIN, max = Workspace.SLUG_MAX)
                        @Pattern(regexp = Workspace.SLUG_PATTERN, message = Workspace.SLUG_RULE) String>
                slug,
        PatchField<@CodePoints(max = Workspace.DESCRIPTION_MAX) String> description,
        PatchField<@HttpUrl String> iconUrl,
        @JsonProperty("isPublic") PatchField<@NotNull Boolean> isPublic) {}
