package dev.troupe.bench.wasm;

import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.harness.ClosedLoop;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * {@code increment(1)} calls on counters of one type, through the host as a client's call goes: caller
 * {@code i} on counter {@code i}, the arguments decoded once, so that two types measured this way differ
 * only in their turns.
 */
final class Increments {
    private static final Caller CALLER = Caller.client("bench");
    private final Troupe troupe;
    private final String type;
    private final HostedAction increment;
    private final Object[] one;

    Increments(Troupe troupe, String type) {
        this.troupe = troupe;
        this.type = type;
        this.increment = troupe.host().type(type).action("increment");
        this.one = increment.decodeArgs(Json.mapper().valueToTree(new long[] {1}));
    }

    /** Completed increments per second over {@code window}, with {@code callers} closed-loop callers. */
    double rate(int callers, Duration window) throws InterruptedException {
        Address[] counters = new Address[callers];
        for (int i = 0; i < callers; i++) {
            counters[i] = new Address(type, Key.of("bench-" + i));
        }
        return ClosedLoop.callRate(callers, i -> call(counters[i]), window);
    }

    private void call(Address counter) {
        try {
            troupe.host().call(counter, increment, one, CALLER, CreateMode.GET_OR_CREATE, Input.none(), null).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("increment on " + counter + " failed", e.getCause());
        }
    }
}
