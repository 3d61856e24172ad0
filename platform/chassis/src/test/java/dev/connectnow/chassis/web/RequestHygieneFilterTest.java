package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** The raw query string check; the filter as a whole is tested through the sample service (ChassisWebTest). */
class RequestHygieneFilterTest {

    @Test
    void wellFormedQueriesPass() {
        assertThat(RequestHygieneFilter.queryProblem(null)).isNull();
        assertThat(RequestHygieneFilter.queryProblem("")).isNull();
        assertThat(RequestHygieneFilter.queryProblem("limit=20&cursor=abc_-&flag"))
                .isNull();
        assertThat(RequestHygieneFilter.queryProblem("q=Zo%C3%AB+%F0%9F%98%80&empty=&&x=%25"))
                .isNull();
    }

    @Test
    void aValueThatIsNotUtf8NamesItsParameter() {
        ProblemDetail problem = RequestHygieneFilter.queryProblem("limit=5&username=%ED%A0%80");
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("Query parameter 'username' is not valid percent-encoded UTF-8");
        assertThat(problem.getProperties()).containsKey("errors");
    }

    @Test
    void malformedEscapesAreRefused() {
        for (String query : new String[] {"q=%", "q=%4", "q=%G1", "q=abc%", "%=1"}) {
            assertThat(RequestHygieneFilter.queryProblem(query)).as(query).isNotNull();
        }
    }

    @Test
    void nulIsRefusedInValuesAndNames() {
        assertThat(RequestHygieneFilter.queryProblem("q=a%00b").getDetail())
                .isEqualTo("Query parameter 'q' must not contain NUL characters");
        assertThat(RequestHygieneFilter.queryProblem("a%00=b").getDetail()).contains("NUL");
    }

    @Test
    void aParameterNameThatIsNotUtf8IsRefusedWithoutEchoingIt() {
        ProblemDetail problem = RequestHygieneFilter.queryProblem("%FF=1");
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).isNull();
    }
}
