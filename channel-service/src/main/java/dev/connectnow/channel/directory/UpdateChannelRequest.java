package dev.connectnow.channel.directory;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.web.PatchField;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PATCH /api/channels/{id}} (the PATCH convention of docs/api.md): a field left out stays as
 * it is; {@code description} and {@code topic} sent as null (or empty) are cleared; name and isPrivate cannot
 * be null.
 */
public record UpdateChannelRequest(
        PatchField<@NotNull String> name,
        PatchField<@CodePoints(max = 1000) String> description,
        PatchField<@CodePoints(max = 250) String> topic,
        PatchField<@NotNull Boolean> isPrivate) {}
