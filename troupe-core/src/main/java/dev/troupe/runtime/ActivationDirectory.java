package dev.troupe.runtime;

import dev.troupe.host.Address;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The activations in memory on this node, by address. At most one per address: a new one is
 * registered only if none is, and an activation that closed is removed only if it is still the one
 * registered, so a closing activation never removes its successor. Thread-safe.
 */
final class ActivationDirectory {
    private final ConcurrentHashMap<Address, Activation> activations = new ConcurrentHashMap<>();

    /** The activation of {@code address}, or null if none is in memory. */
    @Nullable Activation get(Address address) {
        return activations.get(address);
    }

    /**
     * Registers {@code fresh} unless {@code address} already has an activation.
     *
     * @return the activation already registered, or null if {@code fresh} now is
     */
    @Nullable Activation register(Address address, Activation fresh) {
        return activations.putIfAbsent(address, fresh);
    }

    /** Removes {@code activation} if it is still the one registered for its address. */
    void remove(Activation activation) {
        activations.remove(activation.address(), activation);
    }

    boolean contains(Address address) {
        return activations.containsKey(address);
    }

    int size() {
        return activations.size();
    }

    boolean isEmpty() {
        return activations.isEmpty();
    }

    /** A weakly consistent view of the activations, for sweeps. */
    Collection<Activation> all() {
        return activations.values();
    }

    /** The activations in memory now. */
    List<Activation> snapshot() {
        return List.copyOf(activations.values());
    }
}
