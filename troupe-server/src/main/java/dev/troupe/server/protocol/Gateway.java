package dev.troupe.server.protocol;

import dev.troupe.ErrorCode;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.auth.Authenticator;
import dev.troupe.server.metrics.GatewayMetrics;
import dev.troupe.server.stream.InFlight;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.wire.WireErrors;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * What every protocol and transport of one server shares: the runtime, the settings, the
 * authenticator, metrics, the open streams, the calls in flight, a ticker for keep-alives, the
 * WebSocket container that upgrades requests and the closing flag. Internal API; every part is
 * thread-safe.
 *
 * @param troupe        the runtime served
 * @param config        the server settings
 * @param authenticator verifies tokens
 * @param metrics       the metrics registry
 * @param streams       the open WebSocket and SSE streams
 * @param inFlight      calls in progress, awaited by a graceful stop
 * @param ticker        runs periodic keep-alives
 * @param sockets       upgrades a request to a WebSocket with the server's frame limits
 * @param closing       set once the server starts stopping; new work is refused
 */
public record Gateway(Troupe troupe, ServerConfig config, Authenticator authenticator, GatewayMetrics metrics,
                      StreamRegistry streams, InFlight inFlight, ScheduledExecutorService ticker,
                      ServerWebSocketContainer sockets, AtomicBoolean closing) {

    /** The runtime's host interface, which authorises every operation. */
    public ActorHost host() {
        return troupe.host();
    }

    /** Whether the server is stopping. */
    public boolean isClosing() {
        return closing.get();
    }

    /**
     * The value of {@code reply} once it completes, waiting on the request's thread at most the call
     * timeout: how protocol adapters wait for the runtime's answers.
     *
     * @param where names the call for the error, such as {@code action increment of counter/["a"]}; asked
     *              only when there is an error, so that the name costs nothing on the way of an answer
     * @throws TroupeException the failure's wire error, or {@code actor/timeout} after the call timeout
     *                         (the turn may still complete)
     */
    public <T> T await(Future<T> reply, Supplier<String> where) throws InterruptedException {
        long millis = config.callTimeout().toMillis();
        try {
            return reply.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw WireErrors.from(e.getCause(), where.get());
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new TroupeException(ErrorCode.TIMEOUT, "no answer within " + millis + " ms; the turn may still complete",
                    Map.of("timeoutMs", millis));
        }
    }
}
