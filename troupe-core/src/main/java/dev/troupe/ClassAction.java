package dev.troupe;

import dev.troupe.json.Json;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.schema.JavaSchemas;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An action of a Java actor class: a method of its contract. Its schemas derive from the method's
 * Java types; arguments decode with Jackson to those types, and a rejected argument is explained from
 * its schema (or, where the schema cannot tell, from what Jackson found), never in Jackson's words.
 * Immutable.
 */
final class ClassAction implements ActionDefinition {
    private final String name;
    private final Method method;
    private final MethodHandle invoker;
    private final boolean readOnly;
    private final List<JavaType> parameterTypes;
    private final List<Parameter> parameters;
    private final JsonNode result;

    ClassAction(Method method, boolean readOnly, JavaSchemas schemas) {
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
        List<JavaType> javaTypes = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            JavaType type = types.constructType(method.getGenericParameterTypes()[i]);
            javaTypes.add(type);
            params.add(new Parameter(method.getParameters()[i].getName(), type.getRawClass().getSimpleName(),
                    schemas.of(type), !type.isPrimitive()));
        }
        this.parameterTypes = List.copyOf(javaTypes);
        this.parameters = List.copyOf(params);
        this.result = schemas.ofOutput(types.constructType(method.getGenericReturnType()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public JsonNode result() {
        return result;
    }

    /** The contract method. */
    Method method() {
        return method;
    }

    @Override
    public Object decode(int index, JsonNode value) {
        JavaType type = parameterTypes.get(index);
        try {
            return Json.argumentMapper().readerFor(type).readValue(value);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(parameters.get(index).problem(value)
                    .orElseGet(() -> explain(e, type)), e);
        }
    }

    /** Says what Jackson found, in our words, for what the schema does not express. */
    private static String explain(Exception e, JavaType type) {
        String target = type.getRawClass().getSimpleName();
        if (e instanceof UnrecognizedPropertyException unknown) {
            return at(unknown, true) + "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException format) {
            return at(format, false) + "cannot read " + format.getValue() + " as "
                    + simpleName(format.getTargetType(), target);
        }
        if (e instanceof ValueInstantiationException refused) {
            Throwable cause = refused.getCause();
            return at(refused, false) + simpleName(refused.getType() == null ? null : refused.getType().getRawClass(), target)
                    + " refused the value" + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        if (e instanceof MismatchedInputException mismatch) {
            return at(mismatch, false) + "expected " + simpleName(mismatch.getTargetType(), target);
        }
        return "the value does not fit " + target;
    }

    private static String simpleName(@Nullable Class<?> type, String fallback) {
        return type == null ? fallback : type.getSimpleName();
    }

    /** The JSON Pointer of the problem, as a message prefix; {@code parent} drops the last step. */
    private static String at(JsonMappingException e, boolean parent) {
        List<JsonMappingException.Reference> path = e.getPath();
        int steps = parent ? path.size() - 1 : path.size();
        if (steps <= 0) {
            return "";
        }
        StringBuilder pointer = new StringBuilder("at ");
        for (var reference : path.subList(0, steps)) {
            pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return pointer.append(": ").toString();
    }

    /** Calls the action on an actor instance; exceptions from the action propagate unchanged. */
    Object invoke(Object actor, Object[] args) throws Throwable {
        return invoker.invoke(actor, args);
    }
}
