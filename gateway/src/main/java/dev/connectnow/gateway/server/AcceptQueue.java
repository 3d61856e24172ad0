package dev.connectnow.gateway.server;

import io.netty.channel.ChannelOption;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds how many new client connections wait for the gateway to accept them. The kernel queues them first in
 * first out; with its default length (the system's {@code somaxconn}, 4,096 here) an overloaded gateway kept
 * accepting, for minutes, only connections whose clients had already given up after 30 s, while every new one
 * queued behind them (docs/benchmarks.md, realtime-e2e, "What the warm-ups show"). A short queue refuses the
 * excess at once, so the connections the gateway does accept are ones a client still waits on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AcceptQueue.Properties.class)
public class AcceptQueue {

    /** @param backlog the listen backlog of the gateway's HTTP port */
    @ConfigurationProperties("connectnow.gateway.accept-queue")
    public record Properties(@DefaultValue("512") int backlog) {}

    @Bean
    NettyServerCustomizer acceptQueueBacklog(Properties properties) {
        return customizer(properties);
    }

    static NettyServerCustomizer customizer(Properties properties) {
        return server -> server.option(ChannelOption.SO_BACKLOG, properties.backlog());
    }
}
