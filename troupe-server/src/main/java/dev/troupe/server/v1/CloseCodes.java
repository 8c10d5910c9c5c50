package dev.troupe.server.v1;

/**
 * The WebSocket close codes of wire protocol v1 (see {@code docs/protocol.md}).
 *
 * <p>An error that ends a connection closes it with {@code 4000 + (status - 400)} for a 4xx status
 * (so {@code 4001} unauthorized, {@code 4003} forbidden, {@code 4004} not found, {@code 4029} too
 * many connections, {@code 4000} a user refusal from {@code onBeforeConnect}); the error frame sent
 * just before carries the full error. A server going away closes with {@code 1001}, a fault with
 * {@code 1011}. A slow consumer is closed with {@code 4008}; a message over the size limit with
 * {@code 1009} (by Jetty).
 */
final class CloseCodes {
    /** The server is stopping, or the runtime is. */
    static final int GOING_AWAY = 1001;
    /** A message was larger than the frame limit. */
    static final int TOO_BIG = 1009;
    /** A fault in server or actor code. */
    static final int INTERNAL_ERROR = 1011;
    /** The client read too slowly and its outbound queue overflowed. */
    static final int SLOW_CONSUMER = 4008;
    /** The reason sent with {@link #SLOW_CONSUMER}. */
    static final String SLOW_CONSUMER_REASON = "slow consumer";

    private CloseCodes() {
    }

    /** The close code for an error of HTTP status {@code status} that ends a connection. */
    static int forStatus(int status) {
        if (status >= 400 && status < 500) {
            return 4000 + (status - 400);
        }
        return status == 503 ? GOING_AWAY : INTERNAL_ERROR;
    }
}
