package dev.troupe;

import dev.troupe.host.HostProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@link HostProvider} that {@link Troupe} starts its runtime with: exactly one must be
 * registered as a service. Looked up the first time a runtime is built, and kept once found.
 */
final class HostProviders {
    private HostProviders() {
    }

    private static volatile @Nullable HostProvider found;

    /**
     * The one registered provider.
     *
     * @throws TroupeException {@code config/invalid_registration} if none or several are registered
     */
    static HostProvider only() {
        HostProvider provider = found;
        if (provider == null) {
            provider = find(ServiceLoader.load(HostProvider.class, Troupe.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).toList());
            found = provider;
        }
        return provider;
    }

    /** The one provider of {@code found}, or the error explaining why there is not exactly one. */
    static HostProvider find(List<HostProvider> found) {
        if (found.size() == 1) {
            return found.getFirst();
        }
        if (found.isEmpty()) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "no " + HostProvider.class.getName()
                    + " is registered: troupe-core's META-INF/services entry is missing (a shaded jar must merge"
                    + " service files)");
        }
        throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "several runtimes are registered as "
                + HostProvider.class.getName() + ": " + found.stream().map(p -> p.getClass().getName())
                .collect(Collectors.joining(", ")));
    }
}
