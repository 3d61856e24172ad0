package dev.connectnow.testkit.sample;

import dev.connectnow.chassis.data.LikePatterns;
import dev.connectnow.chassis.data.UniqueConstraints;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.PatchField;
import dev.connectnow.events.UuidV7;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tags: unique names (a friendly 409 naming the field), a literal "contains" search and a PATCH. */
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

    /** The PATCH convention: absent = unchanged, null = cleared (optional fields) or 400 (required ones). */
    record TagPatch(
            PatchField<@NotBlank @Size(max = 100) String> name, PatchField<@Size(max = 100) String> description) {}

    @PatchMapping("/api/tags/{id}")
    Map<String, Object> update(@PathVariable UUID id, @Valid @RequestBody TagPatch patch) {
        Tag tag = tags.update(id, patch);
        Map<String, Object> view = new HashMap<>();
        view.put("id", tag.getId());
        view.put("name", tag.getName());
        view.put("description", tag.getDescription());
        return view;
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

        @Transactional
        Tag update(UUID id, TagPatch patch) {
            Tag tag = repository.findById(id).orElseThrow(() -> ApiException.notFound("Tag not found"));
            tag.rename(patch.name().applyTo(tag.getName()));
            tag.describe(patch.description().applyTo(tag.getDescription()));
            return UNIQUE.guard(() -> repository.saveAndFlush(tag));
        }

        @Transactional(readOnly = true)
        List<String> search(String text) {
            return repository.findByNameLike(LikePatterns.containsIgnoringCase(text)).stream()
                    .map(Tag::getName)
                    .toList();
        }
    }
}
