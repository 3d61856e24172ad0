package dev.connectnow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Assertions that a response is an RFC 9457 problem detail with the expected status (and fields). */
public final class ProblemAssertions {

    public static JsonNode assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .as("content type of %s", response)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.hasNonNull("title"))
                .as("problem has a title: %s", response)
                .isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.connectnow");
        return problem;
    }

    /** A 400 whose {@code errors} list names each given field. */
    public static JsonNode assertFieldErrors(ApiClient.Response response, String... fields) {
        JsonNode problem = assertProblem(response, 400);
        List<String> named = new ArrayList<>();
        JsonNode errors = problem.get("errors");
        assertThat(errors).as("errors of %s", response).isNotNull();
        errors.forEach(error -> named.add(error.get("field").asString()));
        assertThat(named).contains(fields);
        return problem;
    }

    private ProblemAssertions() {}
}
