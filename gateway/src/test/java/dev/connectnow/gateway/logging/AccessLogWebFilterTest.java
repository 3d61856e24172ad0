package dev.connectnow.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.gateway.config.EdgeProperties;
import dev.connectnow.gateway.problem.ProblemExceptionHandler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class AccessLogWebFilterTest {

    private final AccessLogWebFilter filter = new AccessLogWebFilter(
            new EdgeProperties(
                    DataSize.ofMegabytes(1),
                    new EdgeProperties.Cors(List.of(), List.of(), List.of(), List.of(), Duration.ZERO),
                    new EdgeProperties.RateLimit(true, 1, 1, Duration.ofMinutes(1), 10),
                    new EdgeProperties.AccessLog(true, List.of("token", "refreshToken", "password"))),
            new ProblemExceptionHandler());

    @Test
    void redactsTheValuesOfSensitiveParametersOnly() {
        assertThat(filter.redactQuery("limit=5&token=abc&cursor=xyz")).isEqualTo("limit=5&token=***&cursor=xyz");
        assertThat(filter.redactQuery("REFRESHTOKEN=abc&Password=p")).isEqualTo("REFRESHTOKEN=***&Password=***");
        assertThat(filter.redactQuery("token")).isEqualTo("token");
        assertThat(filter.redactQuery("token=")).isEqualTo("token=***");
        assertThat(filter.redactQuery("")).isNull();
        assertThat(filter.redactQuery(null)).isNull();
    }
}
