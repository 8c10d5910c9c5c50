package dev.troupe.host;

import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.Input;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Which actors a runtime hosts, and where it sends what it may not serve itself: the hook a cluster
 * plugs into a runtime started with {@link HostProvider#start(dev.troupe.store.Store, java.util.List,
 * HostSettings, Placement)}. The runtime asks {@link #isLocal} before it routes any message to an
 * activation; for an actor hosted elsewhere it hands the operation to this placement instead, which
 * delivers it to the owning node's runtime. Every entry point goes through that one routing step, so
 * in-process handles, transports, actor-to-actor calls and schedules all reach the owner.
 *
 * <p>The runtime has authorised each operation before it forwards it; the owner authorises it again.
 * A forwarded call's result arrives as JSON (a Jackson {@code JsonNode}): typed handles convert it to
 * the contract's return type, transports write it as it is. Futures fail with a
 * {@link dev.troupe.TroupeException} carrying the owner's error.
 *
 * <p>Implementations are thread-safe, {@link #isLocal} is fast (it runs on every routed message), and
 * no method blocks.
 */
public interface Placement {

    /** Whether this runtime hosts {@code address}'s activation now. */
    boolean isLocal(Address address);

    /**
     * Calls an action of an actor hosted elsewhere. {@code via} is null, or a connection this placement
     * returned from {@link #connect}.
     */
    CompletableFuture<Object> call(Address address, HostedAction action, Object[] args, Caller caller,
                                   CreateMode mode, Input input, @Nullable HostConnection via);

    /** Creates an actor hosted elsewhere. */
    CompletableFuture<ActorInfo> create(Address address, Input input, Caller caller);

    /** Destroys an actor hosted elsewhere; completes normally if it does not exist. */
    CompletableFuture<Void> destroy(Address address);

    /** The caller's view of an actor hosted elsewhere. */
    CompletableFuture<Object> view(Address address, Caller caller, CreateMode mode, Input input);

    /**
     * Opens a connection to an actor hosted elsewhere. The connection stays here: events and views
     * reach {@code sink} from the owner; the returned handle forwards its operations to the owner.
     */
    CompletableFuture<HostConnection> connect(Address address, Caller caller, Map<String, Object> params,
                                              ConnectionSink sink, CreateMode mode, Input input);

    /**
     * A durable schedule of {@code address} is due, and another node hosts (or will host) the actor:
     * wake it there. The owner's runtime finds the schedule in the store on its next pass and runs it.
     * Completes once the owner has the actor; until then this runtime does not dispatch the schedule
     * again.
     */
    CompletableFuture<Void> scheduleDue(Address address);
}
