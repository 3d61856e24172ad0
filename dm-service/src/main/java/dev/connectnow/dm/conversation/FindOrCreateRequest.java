package dev.connectnow.dm.conversation;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code POST /api/dm/conversations}: the other participant. */
record FindOrCreateRequest(@NotNull UUID userId) {}
