package dev.connectnow.message.post;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code connectnow.message.*}.
 *
 * @param postRatePerSecond messages (posts and replies) one user may send per second, sustained, per instance
 * @param postBurst         how many more may come at once after a quiet period
 */
@ConfigurationProperties(prefix = "connectnow.message")
public record PostingProperties(double postRatePerSecond, int postBurst) {

    public PostingProperties {
        postRatePerSecond = postRatePerSecond <= 0 ? 10 : postRatePerSecond;
        postBurst = postBurst <= 0 ? 30 : postBurst;
    }
}
