package dev.troupe.cluster;

import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.Contents;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.RawRequest;
import dev.troupe.RawResponse;
import dev.troupe.RuntimeObserver;
import dev.troupe.RuntimeStats;
import dev.troupe.history.History;
import dev.troupe.host.Address;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.HostChannel;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.host.HostedType;
import dev.troupe.host.PlacedHost;
import dev.troupe.host.RunningHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running cluster node as {@code Troupe} holds it: the node's runtime (which routes every operation
 * through the cluster placement) and the actor system it is a member with. Closing it leaves the
 * cluster gracefully, handing every actor off to the remaining nodes, and then closes the runtime.
 */
final class ClusterNode implements RunningHost {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(60);

    private final PlacedHost runtime;
    private final ActorSystem<Void> system;
    private final ShardPlacement placement;

    ClusterNode(PlacedHost runtime, ActorSystem<Void> system, ShardPlacement placement) {
        this.runtime = runtime;
        this.system = system;
        this.placement = placement;
    }

    @Override
    public List<? extends HostedType> types() {
        return runtime.types();
    }

    @Override
    public HostedType type(String name) {
        return runtime.type(name);
    }

    @Override
    public void authorize(Address address, Caller caller, String operation) {
        runtime.authorize(address, caller, operation);
    }

    @Override
    public CompletableFuture<Object> call(Address address, HostedAction action, Object[] args, Caller caller,
                                          CreateMode mode, Input input, @Nullable HostConnection via) {
        return runtime.call(address, action, args, caller, mode, input, via);
    }

    /** Written to the shared outbox; the relay of the node hosting the actor delivers it. */
    @Override
    public void enqueue(Address address, String queue, @Nullable Object message, Caller caller) {
        runtime.enqueue(address, queue, message, caller);
    }

    @Override
    public ActorInfo create(Address address, Input input, Caller caller, Duration timeout) {
        return runtime.create(address, input, caller, timeout);
    }

    @Override
    public void destroy(Address address, Caller caller, Duration timeout) {
        runtime.destroy(address, caller, timeout);
    }

    @Override
    public Optional<ActorInfo> info(Address address, Caller caller) {
        return runtime.info(address, caller);
    }

    /** The history is read from the shared store, on whichever node is asked. */
    @Override
    public History history(Address address, Caller caller) {
        return runtime.history(address, caller);
    }

    @Override
    public Contents contents(Caller caller) {
        return runtime.contents(caller);
    }

    @Override
    public Optional<Address> resolve(String id) {
        return runtime.resolve(id);
    }

    /** The listing is read from the shared store, on whichever node is asked. */
    @Override
    public List<ActorInfo> list(String type, Key keyPrefix, @Nullable String afterId, int limit, Caller caller) {
        return runtime.list(type, keyPrefix, afterId, limit, caller);
    }

    @Override
    public CompletableFuture<Object> view(Address address, Caller caller, CreateMode mode, Input input) {
        return runtime.view(address, caller, mode, input);
    }

    @Override
    public CompletableFuture<HostConnection> connect(Address address, Caller caller, Map<String, Object> params,
                                                     ConnectionSink sink, CreateMode mode, Input input) {
        return runtime.connect(address, caller, params, sink, mode, input);
    }

    @Override
    public CompletableFuture<HostChannel> openChannel(HostConnection via, @Nullable String message, ChannelSink sink) {
        return runtime.openChannel(via, message, sink);
    }

    @Override
    public CompletableFuture<RawResponse> request(Address address, RawRequest request, Caller caller, CreateMode mode) {
        return runtime.request(address, request, caller, mode);
    }

    @Override
    public CompletableFuture<HostChannel> openRawSocket(Address address, RawRequest upgrade, Caller caller,
                                                        CreateMode mode, ChannelSink sink) {
        return runtime.openRawSocket(address, upgrade, caller, mode, sink);
    }

    @Override
    public <C> C handle(Class<C> contract, @Nullable Address address, @Nullable String id, CreateMode mode,
                        Input input, Caller caller, Duration timeout) {
        return runtime.handle(contract, address, id, mode, input, caller, timeout);
    }

    @Override
    public <C> C oneWay(Class<C> contract, Address address, Caller caller) {
        return runtime.oneWay(contract, address, caller);
    }

    @Override
    public String typeName(Class<?> contract) {
        return runtime.typeName(contract);
    }

    @Override
    public AutoCloseable observe(RuntimeObserver observer) {
        return runtime.observe(observer);
    }

    @Override
    public RuntimeStats stats() {
        return runtime.stats();
    }

    @Override
    public boolean isAccepting() {
        return runtime.isAccepting() && !system.whenTerminated().isCompleted();
    }

    @Override
    public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
        return runtime.awaitQuiescence(timeout);
    }

    /** The node's actor system: for tests that act on Pekko's transport (blackholing a partition). */
    ActorSystem<Void> system() {
        return system;
    }

    /**
     * Leaves the cluster (sharding hands this node's actors off, each released from the runtime
     * first), stops the actor system, then closes the runtime and its store. Idempotent.
     */
    @Override
    public void close() {
        try {
            CoordinatedShutdown.get(Adapter.toClassic(system)).runAll(CoordinatedShutdown.clusterLeavingReason())
                    .toCompletableFuture().get(LEAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("leaving the cluster did not complete within {}; closing anyway", LEAVE_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runtime.close();
        }
    }
}
