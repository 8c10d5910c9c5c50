package dev.troupe.runtime;

import dev.troupe.host.HostProvider;
import dev.troupe.host.HostSettings;
import dev.troupe.host.RunningHost;
import dev.troupe.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-node runtime as a {@link HostProvider}: every actor is hosted in this process. The one
 * public class of the runtime package, public only because {@link java.util.ServiceLoader} instantiates
 * it; nothing names it.
 */
public final class LocalHostProvider implements HostProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public LocalHostProvider() {
    }

    @Override
    public RunningHost start(Store store, List<Registration> types, HostSettings settings) {
        List<ActorType> built = new ArrayList<>(types.size());
        for (Registration registration : types) {
            built.add(ActorType.of(registration.definition(), registration.options()));
        }
        return new ActorRuntime(store, built, settings);
    }
}
