package dev.connectnow.channel.membership;

import jakarta.validation.constraints.NotNull;

/** Body of {@code PATCH /api/channels/{id}/members/me}. */
public record UpdateMyMembershipRequest(@NotNull Boolean isMuted) {}
