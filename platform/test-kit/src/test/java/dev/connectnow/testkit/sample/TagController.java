package dev.connectnow.testkit.sample;

import dev.connectnow.chassis.data.LikePatterns;
import dev.connectnow.chassis.data.UniqueConstraints;
import dev.connectnow.events.UuidV7;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tags: unique names (a friendly 409 naming the field) and a literal "contains" search. */
@RestController
class TagController {

    private final TagService tags;

    TagController(TagService tags) {
        this.tags = tags;
    }

    @PostMapping("/api/tags")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody Map<String, String> body) {
        Tag tag = tags.create(body.get("name"), body.get("slug"));
        return Map.of("id", tag.getId(), "name", tag.getName());
    }

    @GetMapping("/api/tags")
    List<String> search(@RequestParam String contains) {
        return tags.search(contains);
    }

    @Service
    static class TagService {

        static final UniqueConstraints UNIQUE =
                UniqueConstraints.of("tag_name_uq", "name", "A tag with this name already exists");

        private final TagRepository repository;

        TagService(TagRepository repository) {
            this.repository = repository;
        }

        @Transactional
        Tag create(String name, String slug) {
            return UNIQUE.guard(() -> repository.saveAndFlush(new Tag(UuidV7.next(), name, slug)));
        }

        @Transactional(readOnly = true)
        List<String> search(String text) {
            return repository.findByNameLike(LikePatterns.containsIgnoringCase(text)).stream()
                    .map(Tag::getName)
                    .toList();
        }
    }
}
