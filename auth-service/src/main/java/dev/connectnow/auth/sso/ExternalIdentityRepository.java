package dev.connectnow.auth.sso;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ExternalIdentityRepository extends JpaRepository<ExternalIdentity, UUID> {

    /** Served by {@code external_identities_issuer_subject_uq}. */
    Optional<ExternalIdentity> findByIssuerAndSubject(String issuer, String subject);

    /** Served by {@code external_identities_user_issuer_uq}; a handful of rows at most (one per provider). */
    List<ExternalIdentity> findByUserIdOrderByCreatedAtAscIdAsc(UUID userId);

    boolean existsByUserIdAndIssuer(UUID userId, String issuer);

    long countByUserId(UUID userId);
}
