package dev.troupe;

import dev.troupe.json.Json;
import com.fasterxml.jackson.databind.JavaType;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.schema.JavaSchemas;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The definition of a Java actor class: the type name from its {@link ActorContract}, one action per
 * contract method, the state type from {@code Actor<S>}, and behaviours that are instances of the class.
 * Built by inspecting the class, where every rule is checked so that a bad class fails the build with
 * {@code config/invalid_registration} naming the class. Immutable and thread-safe.
 */
final class ClassDefinition implements ActorDefinition {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final JavaSchemas SCHEMAS = new JavaSchemas(Json.mapper());

    private final String name;
    private final Class<?> contract;
    private final Class<? extends Actor<?>> implementation;
    private final MethodHandle constructor;
    private final Map<String, ClassAction> actions;
    private final Type stateType;

    private ClassDefinition(String name, Class<?> contract, Class<? extends Actor<?>> implementation,
                            MethodHandle constructor, Map<String, ClassAction> actions, Type stateType) {
        this.name = name;
        this.contract = contract;
        this.implementation = implementation;
        this.constructor = constructor;
        this.actions = actions;
        this.stateType = stateType;
    }

    /**
     * Inspects an implementation class.
     *
     * @throws TroupeException {@code config/invalid_registration} naming the class and the broken rule
     */
    static ClassDefinition of(Class<? extends Actor<?>> implementation) {
        if (implementation == null) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "actor class must not be null");
        }
        if (Modifier.isAbstract(implementation.getModifiers()) || implementation.isInterface()) {
            throw invalid(implementation, "an actor class must be concrete");
        }
        if (!Actor.class.isAssignableFrom(implementation)) {
            throw invalid(implementation, "an actor class must extend dev.troupe.Actor");
        }
        Class<?> contract = findContract(implementation);
        String name = contract.getAnnotation(ActorContract.class).value();
        if (!NAME.matcher(name).matches()) {
            throw invalid(implementation, "actor type name '" + name + "' must match " + NAME);
        }
        Map<String, ClassAction> actions = new LinkedHashMap<>();
        for (Method method : contract.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (actions.containsKey(method.getName())) {
                throw invalid(implementation, "contract " + contract.getSimpleName() + " overloads '"
                        + method.getName() + "'; action names must be unique");
            }
            actions.put(method.getName(), new ClassAction(method, method.isAnnotationPresent(ReadOnly.class), SCHEMAS));
        }
        if (actions.isEmpty()) {
            throw invalid(implementation, "contract " + contract.getSimpleName() + " declares no actions");
        }
        MethodHandle constructor;
        try {
            constructor = MethodHandles.publicLookup()
                    .findConstructor(implementation, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Actor.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw invalid(implementation, "an actor class must be public with a public no-argument constructor");
        }
        return new ClassDefinition(name, contract, implementation, constructor, actions, stateType(implementation));
    }

    private static Class<?> findContract(Class<?> implementation) {
        List<Class<?>> contracts = new ArrayList<>();
        for (Class<?> c = implementation; c != null && c != Actor.class; c = c.getSuperclass()) {
            for (Class<?> candidate : c.getInterfaces()) {
                if (candidate.isAnnotationPresent(ActorContract.class) && !contracts.contains(candidate)) {
                    contracts.add(candidate);
                }
            }
        }
        if (contracts.size() != 1) {
            throw invalid(implementation, "an actor class must implement exactly one @ActorContract interface, found "
                    + contracts.size());
        }
        Class<?> contract = contracts.getFirst();
        if (!Modifier.isPublic(contract.getModifiers())) {
            throw invalid(implementation, "contract " + contract.getName() + " must be public");
        }
        return contract;
    }

    /** The {@code S} of {@code Actor<S>}, through generic base classes such as {@code Agent<S> extends Actor<S>}. */
    private static Type stateType(Class<?> implementation) {
        Map<TypeVariable<?>, Type> bound = new HashMap<>();
        Type type = implementation.getGenericSuperclass();
        while (type instanceof Class<?> || type instanceof ParameterizedType) {
            if (type instanceof Class<?> plain) {
                type = plain.getGenericSuperclass();
                continue;
            }
            ParameterizedType p = (ParameterizedType) type;
            Class<?> raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bound.put(variables[i], arguments[i] instanceof TypeVariable<?> v ? bound.getOrDefault(v, v) : arguments[i]);
            }
            if (raw == Actor.class) {
                Type state = bound.get(variables[0]);
                JavaType javaType = Json.mapper().getTypeFactory().constructType(state);
                if (javaType.getRawClass() == Object.class && !(state instanceof Class<?>)) {
                    throw invalid(implementation, "the state type must be concrete, not a type variable");
                }
                return state;
            }
            type = raw.getGenericSuperclass();
        }
        throw invalid(implementation, "cannot determine the state type");
    }

    private static TroupeException invalid(Class<?> implementation, String message) {
        return new TroupeException(ErrorCode.INVALID_REGISTRATION, implementation.getName() + ": " + message);
    }

    @Override
    public String typeName() {
        return name;
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.copyOf(actions.values());
    }

    @Override
    public Type stateType() {
        return stateType;
    }

    @Override
    public ActorBehaviour newBehaviour() {
        return new ClassBehaviour(this, instantiate());
    }

    @Override
    public Class<?> contract() {
        return contract;
    }

    /** The logger named after the implementation class. */
    @Override
    public Logger logger() {
        return LoggerFactory.getLogger(implementation);
    }

    /** The implementation class. */
    Class<? extends Actor<?>> implementation() {
        return implementation;
    }

    /** The action of that name, or null. */
    ClassAction action(String actionName) {
        return actions.get(actionName);
    }

    private Actor<?> instantiate() {
        try {
            return (Actor<?>) constructor.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("constructor of " + implementation.getName() + " failed", e);
        }
    }
}
