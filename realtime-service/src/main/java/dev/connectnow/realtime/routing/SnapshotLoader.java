package dev.connectnow.realtime.routing;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Fetches one user's memberships from the owning services, with the user's own access token (contract 3). */
@FunctionalInterface
public interface SnapshotLoader {

    CompletableFuture<MembershipSnapshot> load(UUID userId, String accessToken);
}
