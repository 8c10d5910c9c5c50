package dev.troupe.runtime;

import dev.troupe.host.Address;
import org.jspecify.annotations.Nullable;

/**
 * The actors waiting, directly or transitively, on the call being made: an immutable linked list that
 * each actor-to-actor call extends by the caller. A call whose target is already in the chain would
 * wait on itself, so it fails at once with {@code actor/call_cycle} instead of deadlocking until the
 * timeout.
 */
final class CallChain {
    static final CallChain EMPTY = new CallChain(null, null);

    private final @Nullable Address head;
    private final @Nullable CallChain tail;

    private CallChain(@Nullable Address head, @Nullable CallChain tail) {
        this.head = head;
        this.tail = tail;
    }

    CallChain with(Address waiting) {
        return new CallChain(waiting, this);
    }

    boolean contains(Address address) {
        for (CallChain c = this; c != null && c.head != null; c = c.tail) {
            if (c.head.equals(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (CallChain c = this; c != null && c.head != null; c = c.tail) {
            text.insert(0, text.isEmpty() ? c.head.toString() : c.head + " -> ");
        }
        return text.toString();
    }
}
