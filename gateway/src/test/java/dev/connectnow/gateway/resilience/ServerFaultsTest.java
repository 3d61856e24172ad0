package dev.connectnow.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.netty.http.client.PrematureCloseException;

class ServerFaultsTest {

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void unavailableAnswersAreFaults(int status) {
        assertThat(ServerFaults.isFaultStatus(status)).isTrue();
        assertThat(new FailedAnswer().test(HttpStatusCode.valueOf(status))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 301, 304, 400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 501, 505, 599})
    void everyOtherAnswerIsNot(int status) {
        assertThat(ServerFaults.isFaultStatus(status)).isFalse();
        assertThat(new FailedAnswer().test(HttpStatusCode.valueOf(status))).isFalse();
    }

    @Test
    void aResultThatIsNoStatusIsNoFailure() {
        assertThat(new FailedAnswer().test("503")).isFalse();
        assertThat(new FailedAnswer().test(null)).isFalse();
    }

    @Test
    void noAnswerForAReasonOnTheServiceSideIsAFault() {
        assertThat(ServerFaults.isFault(new ConnectException("Connection refused")))
                .isTrue();
        assertThat(ServerFaults.isFault(new ConnectTimeoutException("connect timed out")))
                .isTrue();
        assertThat(ServerFaults.isFault(new IOException("Connection reset by peer")))
                .isTrue();
        assertThat(ServerFaults.isFault(new TimeoutException("time limit"))).isTrue();
        assertThat(ServerFaults.isFault(new org.springframework.cloud.gateway.support.TimeoutException("response")))
                .isTrue();
        assertThat(ServerFaults.isFault(NotFoundException.create(false, "no instance")))
                .isTrue();
        assertThat(ServerFaults.isFault(new IllegalStateException("wrapped", new ConnectException("refused"))))
                .isTrue();
        assertThat(new NotAServerFault().test(new ConnectException("refused"))).isFalse();
    }

    @Test
    void errorsAboutTheRequestItselfAreNot() {
        assertThat(ServerFaults.isFault(new ServerWebInputException("bad body")))
                .isFalse();
        assertThat(ServerFaults.isFault(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE)))
                .isFalse();
        assertThat(ServerFaults.isFault(new IllegalArgumentException("Illegal character in path")))
                .isFalse();
        assertThat(ServerFaults.isFault(NotFoundException.create(true, "no route")))
                .isFalse();
        assertThat(new NotAServerFault().test(new IllegalArgumentException("bad")))
                .isTrue();
    }

    @Test
    void onlyABrokenOrImpossibleConnectionIsWorthAnotherAttempt() {
        assertThat(ServerFaults.isConnectionFault(new ConnectException("refused")))
                .isTrue();
        assertThat(ServerFaults.isConnectionFault(PrematureCloseException.TEST_EXCEPTION))
                .isTrue();
        assertThat(ServerFaults.isConnectionFault(new TimeoutException("time limit")))
                .isFalse();
        assertThat(ServerFaults.isConnectionFault(NotFoundException.create(false, "no instance")))
                .isFalse();
        assertThat(ServerFaults.isConnectionFault(new IllegalArgumentException("bad")))
                .isFalse();
    }
}
