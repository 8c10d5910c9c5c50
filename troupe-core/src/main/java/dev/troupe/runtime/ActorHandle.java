package dev.troupe.runtime;

import dev.troupe.host.CreateMode;
import dev.troupe.host.Address;
import dev.troupe.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.json.Json;
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
        Object result = runtime.call(target(), action, args == null ? new Object[0] : args, caller, mode, input,
                timeout);
        return fromJson(result, method);
    }

    /**
     * A call answered by another node ({@link dev.troupe.host.Placement}) returns its result as JSON:
     * convert it to what the method declares. A local call's result passes through unchanged.
     */
    private static Object fromJson(Object result, Method method) {
        if (!(result instanceof JsonNode json) || method.getReturnType().isInstance(result)) {
            return result;
        }
        if (method.getReturnType() == void.class || json.isNull()) {
            return null;
        }
        try {
            return Json.mapper().convertValue(json, Json.mapper().constructType(method.getGenericReturnType()));
        } catch (IllegalArgumentException e) {
            throw new TroupeException(ErrorCode.INTERNAL_ERROR, "the result of " + method.getName()
                    + " from another node does not fit " + method.getGenericReturnType() + ": " + e.getMessage(), e);
        }
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
