package dev.troupe.runtime;

import dev.troupe.host.CreateMode;
import dev.troupe.host.Address;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The typed in-process handle: a dynamic proxy of the contract whose methods become calls. The target
 * is an address, or an id resolved to an address on first use. Arguments and results pass as Java
 * objects, without JSON.
 */
final class ActorHandle implements InvocationHandler {
    private final ActorRuntime runtime;
    private final ActorType type;
    private final @Nullable String id;
    private final CreateMode mode;
    private final Input input;
    private final Caller caller;
    private final Duration timeout;
    private volatile @Nullable Address address;

    private ActorHandle(ActorRuntime runtime, ActorType type, @Nullable Address address, @Nullable String id,
                        CreateMode mode, Input input, Caller caller, Duration timeout) {
        this.runtime = runtime;
        this.type = type;
        this.address = address;
        this.id = id;
        this.mode = mode;
        this.input = input;
        this.caller = caller;
        this.timeout = timeout;
    }

    static <C> C proxy(ActorRuntime runtime, Class<C> contract, @Nullable Address address, @Nullable String id,
                       CreateMode mode, Input input, Caller caller, Duration timeout) {
        ActorType type = runtime.typeOf(contract);
        ActorHandle handle = new ActorHandle(runtime, type, address, id, mode, input, caller, timeout);
        return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, handle));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "handle of " + (address != null ? address : type.name() + " id " + id);
            };
        }
        Action action = type.action(method);
        if (action == null) {
            throw new TroupeException(ErrorCode.ACTION_NOT_FOUND, method.getName() + " is not an action of " + type.name());
        }
        return runtime.call(target(), action, args == null ? new Object[0] : args, caller, mode, input, timeout);
    }

    private Address target() {
        Address known = address;
        if (known == null) {
            known = runtime.resolve(id)
                    .filter(a -> a.type().equals(type.name()))
                    .orElseThrow(() -> new TroupeException(ErrorCode.NOT_FOUND,
                            "no " + type.name() + " actor has id " + id, Map.of("id", String.valueOf(id))));
            address = known;
        }
        return known;
    }
}
