package dev.connectnow.gateway.proxy;

import io.netty.channel.Channel;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** {@link HeadersWithBodyHandler} on every HTTP/1.1 connection: to the services and from the clients. */
@Configuration(proxyBeanMethods = false)
class HeadersWithBodyConfiguration {

    @Bean
    HttpClientCustomizer requestHeadersWithBody() {
        return client -> client.doOnChannelInit((observer, channel, remoteAddress) -> addBehindEncoder(channel));
    }

    @Bean
    NettyServerCustomizer answerHeadersWithBody() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> addBehindEncoder(channel));
    }

    private static void addBehindEncoder(Channel channel) {
        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel.pipeline()
                    .addAfter(NettyPipeline.HttpCodec, HeadersWithBodyHandler.NAME, new HeadersWithBodyHandler());
        }
    }
}
