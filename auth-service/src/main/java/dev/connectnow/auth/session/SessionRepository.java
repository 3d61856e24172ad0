package dev.connectnow.auth.session;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SessionRepository extends JpaRepository<Session, UUID> {

    /**
     * The session whose current refresh token has this hash, locked: a concurrent refresh with the same token
     * waits, then no longer matches (the hash changed) and is treated as reuse.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Session s where s.refreshTokenHash = :hash")
    Optional<Session> findByRefreshTokenHashForUpdate(@Param("hash") byte[] hash);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Session s where s.id = :id")
    Optional<Session> findByIdForUpdate(@Param("id") UUID id);

    /** Served by the partial index {@code sessions_user_active_idx}; newest first. */
    @Query("""
            select s from Session s
            where s.userId = :userId and s.revokedAt is null and s.expiresAt > :now
            order by s.createdAt desc, s.id desc""")
    List<Session> findActiveByUser(@Param("userId") UUID userId, @Param("now") Instant now);

    /** The user's live sessions, locked so that a concurrent refresh cannot rotate one while they end. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("""
            select s from Session s
            where s.userId = :userId and s.revokedAt is null and s.expiresAt > :now
            order by s.id""")
    List<Session> findActiveByUserForUpdate(@Param("userId") UUID userId, @Param("now") Instant now);

    @Modifying
    @Query("delete from Session s where s.expiresAt < :before or s.revokedAt < :before")
    int deleteEndedBefore(@Param("before") Instant before);
}
