package dev.connectnow.testkit.sample;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TagRepository extends JpaRepository<Tag, UUID> {

    @Query("select t from Tag t where lower(t.name) like :pattern escape '\\' order by t.name")
    List<Tag> findByNameLike(@Param("pattern") String pattern);
}
