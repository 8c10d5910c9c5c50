package dev.troupe.runtime;

import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The typed one-way handle: a dynamic proxy of the contract whose methods send a durable message
 * ({@link ActorRuntime#sendOneWay}) and return their result type's default at once.
 */
final class OneWayHandle implements InvocationHandler {
    private final ActorRuntime runtime;
    private final ActorType type;
    private final Address address;
    private final Caller caller;

    private OneWayHandle(ActorRuntime runtime, ActorType type, Address address, Caller caller) {
        this.runtime = runtime;
        this.type = type;
        this.address = address;
        this.caller = caller;
    }

    static <C> C proxy(ActorRuntime runtime, Class<C> contract, Address address, Caller caller) {
        OneWayHandle handle = new OneWayHandle(runtime, runtime.typeOf(contract), address, caller);
        return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, handle));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "one-way handle of " + address;
            };
        }
        Action action = type.action(method);
        if (action == null) {
            throw new TroupeException(ErrorCode.ACTION_NOT_FOUND, method.getName() + " is not an action of " + type.name());
        }
        runtime.sendOneWay(address, action, args == null ? new Object[0] : args, caller);
        return defaultOf(method.getReturnType());
    }

    private static Object defaultOf(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return switch (type.getName()) {
            case "byte" -> (byte) 0;
            case "short" -> (short) 0;
            case "int" -> 0;
            case "long" -> 0L;
            case "float" -> 0f;
            default -> 0d;
        };
    }
}
