package dev.troupe.server.v1;

import dev.troupe.AccessRule;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.HostConnection;
import dev.troupe.host.Address;
import dev.troupe.json.CanonicalJson;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.wire.WireErrors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A view request that waits for a change: {@code GET …/view?after=<checksum>&waitMs=<n>} answers as
 * soon as the caller's view has another checksum than {@code after}, or with the unchanged view after
 * {@code waitMs}. While it waits it is a short-lived connection to the actor (it needs the
 * {@code #connect} permission besides {@code #view}, counts towards the connection limits, and the
 * actor's connection hooks run), because views are pushed to connections. The server's stop ends the
 * wait early with the current view.
 */
final class ViewWait implements ConnectionSink, Stream {
    /** The longest wait a request may ask for. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final String after;
    private final CompletableFuture<Object> changed = new CompletableFuture<>();
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();

    private ViewWait(String after) {
        this.after = after;
    }

    /**
     * The caller's view once its checksum differs from {@code after}, or the current view after
     * {@code wait}.
     */
    static @Nullable Object await(Gateway gateway, Address address, Caller caller, CreateMode mode, Input input,
                                  String after, Duration wait) throws InterruptedException {
        gateway.host().authorize(address, caller, AccessRule.VIEW);
        Duration timeout = gateway.config().callTimeout();
        ViewWait waiter = new ViewWait(after);
        gateway.streams().admit(address);
        try {
            HostConnection connection = get(gateway.host().connect(address, caller, Map.of(), waiter, mode, input), timeout);
            gateway.streams().opened(waiter, StreamRegistry.Kind.VIEW_WAIT);
            try {
                connection.syncViews(true);
                Object current = get(connection.view(), timeout);
                if (!CanonicalJson.checksum(CanonicalJson.tree(current)).equals(after) || gateway.isClosing()) {
                    return current;
                }
                return CompletableFuture.anyOf(waiter.changed, waiter.stopping.thenApply(v -> current))
                        .get(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return get(connection.view(), timeout);
            } catch (ExecutionException e) {
                throw WireErrors.from(e.getCause(), "view of " + address);
            } finally {
                connection.close();
                gateway.streams().closed(waiter);
            }
        } finally {
            gateway.streams().release(address);
        }
    }

    private static <T> T get(CompletableFuture<T> future, Duration timeout) throws InterruptedException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw WireErrors.from(e instanceof ExecutionException ? e.getCause() : e, "view wait");
        }
    }

    @Override
    public void event(String name, List<Object> args) {
        // A view wait subscribes to no event.
    }

    @Override
    public void view(@Nullable Object view) {
        try {
            if (!CanonicalJson.checksum(CanonicalJson.tree(view)).equals(after)) {
                changed.complete(view);
            }
        } catch (IllegalArgumentException e) {
            changed.completeExceptionally(e);
        }
    }

    @Override
    public void closed(ActorError reason) {
        changed.completeExceptionally(new TroupeException(reason, WireErrors.status(reason)));
    }

    @Override
    public void goingAway() {
        stopping.complete(null);
    }
}
