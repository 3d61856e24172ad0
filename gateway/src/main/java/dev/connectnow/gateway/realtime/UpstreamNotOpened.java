package dev.connectnow.gateway.realtime;

import java.net.URI;

/** The gateway's own socket to a realtime instance did not open: refused, unreachable, or not within the deadline. */
final class UpstreamNotOpened extends RuntimeException {

    UpstreamNotOpened(URI instance, String reason, Throwable cause) {
        super(
                "realtime instance " + instance.getHost() + ":" + instance.getPort() + " did not open the socket: "
                        + reason,
                cause,
                false,
                false);
    }
}
