package dev.troupe.runtime;

import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.ChildInfo;
import dev.troupe.Children;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.history.History;
import dev.troupe.host.Address;
import dev.troupe.store.ActorRecord;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Children} of one activation, for the turn that asked: spawns create the child with its
 * parent's id (the durable link), and every other method finds a child by its type and derived key
 * {@code [parentId, name]} (see {@link Supervisor#childKey}).
 */
final class ActivationChildren implements Children {
    private final ActorRuntime runtime;
    private final Activation parent;

    ActivationChildren(ActorRuntime runtime, Activation parent) {
        this.runtime = runtime;
        this.parent = parent;
    }

    @Override
    public <C> C spawn(Class<C> contract, String name, Input input) {
        Objects.requireNonNull(input, "input");
        Address address = address(contract, name);
        CompletableFuture<ActorInfo> reply = new CompletableFuture<>();
        runtime.route(address, new Message.Create(input, Caller.system("actor:" + parent.address()), parent.id(),
                reply));
        runtime.awaitReply(reply, address);
        return runtime.existingHandle(contract, address);
    }

    @Override
    public <C> C get(Class<C> contract, String name) {
        return runtime.existingHandle(contract, address(contract, name));
    }

    @Override
    public List<ChildInfo> list() {
        return runtime.store().children(parent.id(), Integer.MAX_VALUE).stream().map(Supervisor::info).toList();
    }

    @Override
    public void stop(Class<?> contract, String name) {
        Address address = address(contract, name);
        CompletableFuture<Void> reply = new CompletableFuture<>();
        runtime.route(address, new Message.Destroy(reply));
        runtime.awaitReply(reply, address);
    }

    @Override
    public <S> S state(Class<?> contract, String name, Class<S> stateType) {
        Address address = address(contract, name);
        ActorRecord record = runtime.store().find(address.type(), address.key())
                .orElseThrow(() -> ActivationErrors.notFound(address));
        try {
            return stateType.cast(runtime.type(address.type()).decodeState(record.state(), record.stateVersion()));
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.INTERNAL_ERROR,
                    "the stored state of " + address + " is unreadable", e);
        }
    }

    @Override
    public History history(Class<?> contract, String name) {
        return runtime.history(address(contract, name), Caller.system("actor:" + parent.address()));
    }

    private Address address(Class<?> contract, String name) {
        Objects.requireNonNull(name, "name");
        return new Address(runtime.typeOf(contract).name(), Supervisor.childKey(parent.id(), name));
    }
}
