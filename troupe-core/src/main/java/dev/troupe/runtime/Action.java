package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One action of an actor type: a contract method, how to invoke it and how to read its arguments from
 * JSON. Immutable.
 */
public final class Action {
    private final String name;
    private final Method method;
    private final MethodHandle invoker;
    private final boolean readOnly;
    private final List<JavaType> parameterTypes;
    private final List<String> parameterNames;
    private final JavaType resultType;

    Action(Method method, boolean readOnly) {
        this.name = method.getName();
        this.method = method;
        this.readOnly = readOnly;
        try {
            this.invoker = MethodHandles.publicLookup().unreflect(method)
                    .asSpreader(Object[].class, method.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                    "contract method " + method + " is not accessible; contracts must be public interfaces", e);
        }
        var types = Json.mapper().getTypeFactory();
        this.parameterTypes = Arrays.stream(method.getGenericParameterTypes()).map(types::constructType).toList();
        this.parameterNames = Arrays.stream(method.getParameters()).map(p -> p.getName()).toList();
        Type result = method.getGenericReturnType();
        this.resultType = types.constructType(result);
    }

    /** The action name (the method name). */
    public String name() {
        return name;
    }

    /** The contract method. */
    public Method method() {
        return method;
    }

    /** Whether the action is {@link dev.troupe.ReadOnly}. */
    public boolean readOnly() {
        return readOnly;
    }

    /** The parameter types, for decoding and for generated schemas. */
    public List<JavaType> parameterTypes() {
        return parameterTypes;
    }

    /** The parameter names (as compiled with {@code -parameters}, else {@code arg0}...). */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The result type; {@code void} actions answer null. */
    public JavaType resultType() {
        return resultType;
    }

    /** Calls the action on an actor instance; exceptions from the action propagate unchanged. */
    Object invoke(Object actor, Object[] args) throws Throwable {
        return invoker.invoke(actor, args);
    }

    /**
     * Converts JSON arguments to the parameter types.
     *
     * @throws TroupeException {@code request/invalid_args} naming the action, the parameter and the
     *                         problem, if the arity or a type does not fit
     */
    public Object[] decodeArgs(JsonNode args) {
        if (args == null || args.isNull() || args.isMissingNode()) {
            args = Json.mapper().createArrayNode();
        }
        if (!args.isArray()) {
            throw invalid("args must be a JSON array", Map.of());
        }
        ArrayNode array = (ArrayNode) args;
        if (array.size() != parameterTypes.size()) {
            throw invalid(name + " takes " + parameterTypes.size() + " argument(s), got " + array.size(),
                    Map.of("expected", parameterTypes.size(), "actual", array.size()));
        }
        Object[] decoded = new Object[array.size()];
        for (int i = 0; i < decoded.length; i++) {
            JavaType type = parameterTypes.get(i);
            JsonNode value = array.get(i);
            if (value.isNull() && type.isPrimitive()) {
                throw invalid("argument " + i + " (" + parameterNames.get(i) + ") of " + name + " must not be null",
                        Map.of("index", i));
            }
            try {
                decoded[i] = Json.argumentMapper().readerFor(type).readValue(value);
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw invalid("argument " + i + " (" + parameterNames.get(i) + ") of " + name + " must be "
                        + type.getRawClass().getSimpleName() + ": " + firstLine(e.getMessage()),
                        Map.of("index", i, "expected", type.getRawClass().getSimpleName()));
            }
        }
        return decoded;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private TroupeException invalid(String message, Map<String, Object> metadata) {
        return new TroupeException(ErrorCode.INVALID_ARGS, message, metadata);
    }
}
