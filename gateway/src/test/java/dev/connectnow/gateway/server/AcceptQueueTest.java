package dev.connectnow.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.socket.ServerSocketChannelConfig;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class AcceptQueueTest {

    @Test
    void theListeningSocketQueuesAtMostTheConfiguredNumberOfConnections() {
        HttpServer server = HttpServer.create().host("127.0.0.1").port(0);
        DisposableServer bound = AcceptQueue.customizer(new AcceptQueue.Properties(512))
                .apply(server)
                .bindNow();
        try {
            assertThat(((ServerSocketChannelConfig) bound.channel().config()).getBacklog())
                    .isEqualTo(512);
        } finally {
            bound.disposeNow();
        }
    }
}
