package dev.troupe.rivetkit;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.wire.WireErrors;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for the runtime's answer on a request's virtual thread, within the server's call timeout. */
final class Calls {

    private Calls() {
    }

    /**
     * The value of {@code reply} once it completes.
     *
     * @throws TroupeException the failure's wire error, or {@code actor/timeout} after the call timeout
     */
    static <T> T await(Gateway gateway, Future<T> reply, String where) throws InterruptedException {
        long millis = gateway.config().callTimeout().toMillis();
        try {
            return reply.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw WireErrors.from(e.getCause(), where);
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new TroupeException(ErrorCode.TIMEOUT, "no answer within " + millis + " ms; the turn may still complete",
                    Map.of("timeoutMs", millis));
        }
    }
}
