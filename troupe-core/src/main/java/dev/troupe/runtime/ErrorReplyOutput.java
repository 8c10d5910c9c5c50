package dev.troupe.runtime;

import dev.troupe.TroupeException;
import java.util.concurrent.CompletableFuture;

/** A deferred call answered with an error, held until the answering turn is durable. */
record ErrorReplyOutput(CompletableFuture<Object> reply, TroupeException error) implements TurnOutput {
    @Override
    public void release() {
        reply.completeExceptionally(error);
    }

    @Override
    public void fail(TroupeException failure) {
        reply.completeExceptionally(failure);
    }
}
