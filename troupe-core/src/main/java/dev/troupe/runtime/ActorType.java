package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.troupe.AccessRule;
import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.ActorContract;
import dev.troupe.Durability;
import dev.troupe.ErrorCode;
import dev.troupe.ReadOnly;
import dev.troupe.TroupeException;
import dev.troupe.TypeOptions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A registered actor type: its name, contract, implementation, actions, state codec and options.
 * Built once at registration, where every rule is checked so that a bad type fails the build with
 * {@code config/invalid_registration} rather than a call at run time. Immutable and thread-safe.
 */
public final class ActorType {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final String name;
    private final Class<?> contract;
    private final Class<? extends Actor<?>> implementation;
    private final MethodHandle constructor;
    private final Map<String, Action> actions;
    private final Map<Method, Action> actionsByMethod;
    private final JavaType stateType;
    private final ObjectReader stateReader;
    private final Durability durability;
    private final Duration sleepAfter;
    private final int stateVersion;
    private final Map<Integer, UnaryOperator<JsonNode>> upcasters;
    private final AccessRule accessRule;
    private final int maxConnections;

    private ActorType(String name, Class<?> contract, Class<? extends Actor<?>> implementation,
                      MethodHandle constructor, Map<String, Action> actions, JavaType stateType, TypeOptions options) {
        this.name = name;
        this.contract = contract;
        this.implementation = implementation;
        this.constructor = constructor;
        this.actions = Map.copyOf(actions);
        Map<Method, Action> byMethod = new LinkedHashMap<>();
        actions.values().forEach(a -> byMethod.put(a.method(), a));
        this.actionsByMethod = Map.copyOf(byMethod);
        this.stateType = stateType;
        this.stateReader = Json.mapper().readerFor(stateType).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.durability = options.durability();
        this.sleepAfter = options.sleepAfter();
        this.stateVersion = options.stateVersion();
        this.upcasters = options.upcasters();
        this.accessRule = options.accessRule();
        this.maxConnections = options.maxConnections();
        for (int v = 1; v < stateVersion; v++) {
            if (!upcasters.containsKey(v)) {
                throw invalid(implementation, "state version " + stateVersion
                        + " needs an upcaster from every earlier version; missing one from version " + v);
            }
        }
    }

    /**
     * Inspects an implementation class and builds its type.
     *
     * @throws TroupeException {@code config/invalid_registration} naming the class and the broken rule
     */
    public static ActorType of(Class<? extends Actor<?>> implementation, TypeOptions options) {
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
        Map<String, Action> actions = new LinkedHashMap<>();
        for (Method method : contract.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (actions.containsKey(method.getName())) {
                throw invalid(implementation, "contract " + contract.getSimpleName() + " overloads '"
                        + method.getName() + "'; action names must be unique");
            }
            actions.put(method.getName(), new Action(method, method.isAnnotationPresent(ReadOnly.class)));
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
        return new ActorType(name, contract, implementation, constructor, actions, stateType(implementation), options);
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

    private static JavaType stateType(Class<?> implementation) {
        Type type = implementation.getGenericSuperclass();
        Class<?> owner = implementation;
        while (!(type instanceof ParameterizedType p && p.getRawType() == Actor.class)) {
            if (!(type instanceof Class<?> || type instanceof ParameterizedType) || owner == Object.class) {
                throw invalid(implementation, "cannot determine the state type");
            }
            owner = owner.getSuperclass();
            type = owner.getGenericSuperclass();
        }
        Type state = ((ParameterizedType) type).getActualTypeArguments()[0];
        JavaType javaType = Json.mapper().getTypeFactory().constructType(state);
        if (javaType.getRawClass() == Object.class && !(state instanceof Class<?>)) {
            throw invalid(implementation, "the state type must be concrete, not a type variable");
        }
        return javaType;
    }

    private static TroupeException invalid(Class<?> implementation, String message) {
        return new TroupeException(ErrorCode.INVALID_REGISTRATION,
                (implementation == null ? "" : implementation.getName() + ": ") + message);
    }

    /** The type name. */
    public String name() {
        return name;
    }

    /** The contract interface. */
    public Class<?> contract() {
        return contract;
    }

    /** The implementation class. */
    public Class<? extends Actor<?>> implementation() {
        return implementation;
    }

    /** The actions by name. */
    public Map<String, Action> actions() {
        return actions;
    }

    /**
     * The action of that name.
     *
     * @throws TroupeException {@code actor/action_not_found}
     */
    public Action action(String actionName) {
        Action action = actions.get(actionName);
        if (action == null) {
            throw new TroupeException(ErrorCode.ACTION_NOT_FOUND,
                    "actor type '" + name + "' has no action '" + actionName + "'",
                    Map.of("type", name, "action", String.valueOf(actionName)));
        }
        return action;
    }

    Action action(Method method) {
        return actionsByMethod.get(method);
    }

    /** The durability of this type's turns. */
    public Durability durability() {
        return durability;
    }

    /**
     * Checks the type's access rules.
     *
     * @throws TroupeException {@code auth/forbidden} if {@code caller} may not perform {@code operation}
     */
    public void checkAccess(Caller caller, String operation) {
        if (!accessRule.allows(caller, operation)) {
            throw new TroupeException(ErrorCode.FORBIDDEN,
                    caller.type().wireName() + " caller '" + caller.id() + "' may not " + describe(operation)
                            + " on actor type '" + name + "'",
                    Map.of("type", name, "operation", operation));
        }
    }

    private static String describe(String operation) {
        return operation.startsWith("#") ? operation.substring(1) : "call '" + operation + "'";
    }

    int maxConnections() {
        return maxConnections;
    }

    Duration sleepAfter() {
        return sleepAfter;
    }

    int stateVersion() {
        return stateVersion;
    }

    /** The state type. */
    public JavaType stateType() {
        return stateType;
    }

    Actor<?> instantiate() {
        try {
            return (Actor<?>) constructor.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("constructor of " + implementation.getName() + " failed", e);
        }
    }

    /** Reads stored state JSON written with {@code version}, running upcasters up to the current version. */
    Object decodeState(String json, int version) throws java.io.IOException {
        JsonNode node = Json.mapper().readTree(json);
        for (int v = version; v < stateVersion; v++) {
            UnaryOperator<JsonNode> upcaster = upcasters.get(v);
            if (upcaster == null) {
                throw new IllegalStateException("type '" + name + "' has no upcaster from state version " + v);
            }
            node = upcaster.apply(node);
        }
        return stateReader.readValue(node);
    }

    String encodeState(Object state) throws com.fasterxml.jackson.core.JsonProcessingException {
        return Json.mapper().writeValueAsString(state);
    }
}
