package dev.connectnow.auth.user;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.validation.HttpUrl;
import dev.connectnow.chassis.web.PatchField;
import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code PATCH /api/users/me} (the PATCH convention of docs/api.md): only these three fields exist, so
 * anything else (email, emailVerified, isBanned, role, ...) is an unknown field and refused with 400 by the
 * chassis' strict JSON. A field left out stays as it is; {@code avatarUrl} and {@code bio} sent as null are
 * cleared; {@code displayName} is required.
 */
public record UpdateProfileRequest(
        PatchField<@NotBlank @CodePoints(min = 1, max = 64) String> displayName,
        PatchField<@HttpUrl String> avatarUrl,
        PatchField<@CodePoints(max = 500) String> bio) {}
