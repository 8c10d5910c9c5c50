package dev.troupe.runtime;

import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.host.Placement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The placement of a runtime that is alone: it hosts every actor, so nothing is ever forwarded. */
final class SingleNodePlacement implements Placement {
    static final SingleNodePlacement INSTANCE = new SingleNodePlacement();

    private SingleNodePlacement() {
    }

    @Override
    public boolean isLocal(Address address) {
        return true;
    }

    @Override
    public CompletableFuture<Object> call(Address address, HostedAction action, Object[] args, Caller caller,
                                          CreateMode mode, Input input, @Nullable HostConnection via) {
        throw nothingElsewhere(address);
    }

    @Override
    public CompletableFuture<ActorInfo> create(Address address, Input input, Caller caller) {
        throw nothingElsewhere(address);
    }

    @Override
    public CompletableFuture<Void> destroy(Address address) {
        throw nothingElsewhere(address);
    }

    @Override
    public CompletableFuture<Object> view(Address address, Caller caller, CreateMode mode, Input input) {
        throw nothingElsewhere(address);
    }

    @Override
    public CompletableFuture<HostConnection> connect(Address address, Caller caller, Map<String, Object> params,
                                                     ConnectionSink sink, CreateMode mode, Input input) {
        throw nothingElsewhere(address);
    }

    @Override
    public CompletableFuture<Void> scheduleDue(Address address) {
        throw nothingElsewhere(address);
    }

    private static IllegalStateException nothingElsewhere(Address address) {
        return new IllegalStateException("a single node hosts every actor, yet " + address + " was forwarded");
    }
}
