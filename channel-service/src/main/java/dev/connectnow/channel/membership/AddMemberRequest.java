package dev.connectnow.channel.membership;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code POST /api/channels/{id}/members}. */
public record AddMemberRequest(@NotNull UUID userId) {}
