package dev.connectnow.message.post;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code connectnow.message.*}.
 *
 * @param postRatePerSecond messages (posts and replies) one user may send per second, sustained, per instance
 * @param postBurst         how many more may come at once after a quiet period
 * @param channelTurnTimeout how long a post may wait for the channel's earlier posts in this instance before it
 *                          is answered 503 (see {@link ChannelTurns})
 */
@ConfigurationProperties(prefix = "connectnow.message")
public record PostingProperties(double postRatePerSecond, int postBurst, Duration channelTurnTimeout) {

    public PostingProperties {
        postRatePerSecond = postRatePerSecond <= 0 ? 10 : postRatePerSecond;
        postBurst = postBurst <= 0 ? 30 : postBurst;
        channelTurnTimeout = channelTurnTimeout == null || channelTurnTimeout.isNegative()
                ? Duration.ofSeconds(3)
                : channelTurnTimeout;
    }
}
