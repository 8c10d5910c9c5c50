package dev.troupe.host;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.TypeOptions;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.store.Store;
import java.util.List;
import java.util.Objects;

/**
 * Starts the runtime that hosts actors. {@code Troupe.Builder} finds its provider with {@link
 * java.util.ServiceLoader}, so the public API names no implementation: troupe-core provides the
 * single-node runtime, and a cluster module can provide one that places actors across nodes behind
 * the same {@link ActorHost}. A provider that is not registered can be chosen explicitly with
 * {@code Troupe.builder().host(provider)}.
 *
 * <p>Implementations are registered as a service ({@code META-INF/services/dev.troupe.host.HostProvider}
 * on the class path, {@code provides} in a module descriptor) and need a public no-argument
 * constructor. Thread-safe.
 */
public interface HostProvider {
    /**
     * Starts a runtime over {@code store} serving {@code types}; the runtime closes the store when it
     * closes.
     *
     * @throws dev.troupe.TroupeException {@code config/invalid_registration} naming a definition and
     *                                    the rule it breaks
     */
    RunningHost start(Store store, List<Registration> types, HostSettings settings);

    /**
     * Starts a runtime over {@code store} serving {@code types} that hosts only the actors {@code
     * placement} calls local and hands every other operation to it. For a cluster, which starts the
     * single-node runtime of each node this way. The default refuses: a provider that places actors
     * itself has no use for another placement.
     *
     * @throws dev.troupe.TroupeException {@code config/invalid_registration} if this provider cannot
     *                                    host a placed runtime, or as {@link #start(Store, List, HostSettings)}
     */
    default PlacedHost start(Store store, List<Registration> types, HostSettings settings, Placement placement) {
        throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                getClass().getName() + " cannot start a runtime with a placement");
    }

    /**
     * One kind of actor to serve, with its options as registration settled them.
     *
     * @param definition what the kind is
     * @param options    its options after the definition's own {@code configure} and the registration's
     */
    record Registration(ActorDefinition definition, TypeOptions options) {
        /** Checks that nothing is missing. */
        public Registration {
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(options, "options");
        }
    }
}
