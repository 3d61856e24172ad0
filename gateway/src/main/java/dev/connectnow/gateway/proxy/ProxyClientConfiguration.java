package dev.connectnow.gateway.proxy;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** The client the gateway proxies with: Spring Cloud Gateway's, configured from {@code application.yml}, plus this. */
@Configuration(proxyBeanMethods = false)
class ProxyClientConfiguration {

    @Bean
    HttpClientCustomizer headersWithBody() {
        return client -> client.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline()
                        .addAfter(NettyPipeline.HttpCodec, HeadersWithBodyHandler.NAME, new HeadersWithBodyHandler());
            }
        });
    }
}
