package dev.troupe.runtime;

import dev.troupe.TroupeException;
import java.util.concurrent.CompletableFuture;

/** A caller's result, held until the state it reflects is durable. */
@SuppressWarnings({"rawtypes", "unchecked"})
record ReplyOutput(CompletableFuture reply, Object result) implements TurnOutput {
    @Override
    public void release() {
        reply.complete(result);
    }

    @Override
    public void fail(TroupeException error) {
        reply.completeExceptionally(error);
    }
}
