package dev.connectnow.auth.admin;

import dev.connectnow.chassis.validation.CodePoints;

/** Optional body of a ban. */
public record BanRequest(@CodePoints(max = 500) String reason) {}
