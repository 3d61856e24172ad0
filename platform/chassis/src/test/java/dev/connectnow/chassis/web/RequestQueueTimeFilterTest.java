package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestQueueTimeFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-04T18:00:00.123456Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestQueueTimeFilter filter = new RequestQueueTimeFilter(Clock.fixed(NOW, ZoneOffset.UTC), meters);

    @Test
    void theTimeSinceTheGatewayStartedTheRequestIsRecordedAndTheRequestGoesOn() throws Exception {
        MockFilterChain chain = send("t=" + micros(NOW.minus(250_300, ChronoUnit.MICROS)));
        send("t=" + micros(NOW));

        Timer queued = meters.get(RequestQueueTimeFilter.METRIC).timer();
        assertThat(queued.count()).isEqualTo(2);
        assertThat(queued.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(250_300);
        assertThat(queued.max(TimeUnit.MICROSECONDS)).isEqualTo(250_300);
        assertThat(chain.getRequest()).as("the request went on").isNotNull();
    }

    @Test
    void withoutAGatewayStartNothingIsRecordedAndTheRequestGoesOn() throws Exception {
        String ahead = "t=" + micros(NOW.plusMillis(5)); // a gateway clock ahead of this one
        for (String value : new String[] {
            null, "", "t=", "t=-5", "t=12.5", "1733335200123456", "t= 1", "t=١٢٣", ahead, "t=9999999999999999999"
        }) {
            MockFilterChain chain = send(value);
            assertThat(chain.getRequest()).as(value).isNotNull();
        }
        assertThat(meters.get(RequestQueueTimeFilter.METRIC).timer().count()).isZero();
    }

    private MockFilterChain send(String header) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/things");
        if (header != null) {
            request.addHeader(RequestQueueTimeFilter.HEADER, header);
        }
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return chain;
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
