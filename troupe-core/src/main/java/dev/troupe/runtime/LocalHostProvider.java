package dev.troupe.runtime;

import dev.troupe.host.HostProvider;
import dev.troupe.host.HostSettings;
import dev.troupe.host.PlacedHost;
import dev.troupe.host.Placement;
import dev.troupe.host.RunningHost;
import dev.troupe.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-node runtime as a {@link HostProvider}: every actor is hosted in this process, or, started
 * with a {@link Placement}, the actors the placement assigns to it. The one
 * public class of the runtime package, public only because {@link java.util.ServiceLoader} instantiates
 * it; nothing names it.
 */
public final class LocalHostProvider implements HostProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public LocalHostProvider() {
    }

    @Override
    public RunningHost start(Store store, List<Registration> types, HostSettings settings) {
        return new ActorRuntime(store, build(types), settings);
    }

    @Override
    public PlacedHost start(Store store, List<Registration> types, HostSettings settings, Placement placement) {
        return new ActorRuntime(store, build(types), settings, placement);
    }

    private static List<ActorType> build(List<Registration> types) {
        List<ActorType> built = new ArrayList<>(types.size());
        for (Registration registration : types) {
            built.add(ActorType.of(registration.definition(), registration.options()));
        }
        return built;
    }
}
