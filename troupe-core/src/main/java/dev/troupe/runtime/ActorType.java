package dev.troupe.runtime;

import dev.troupe.json.Json;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.troupe.AccessRule;
import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Durability;
import dev.troupe.ErrorCode;
import dev.troupe.HistoryOptions;
import dev.troupe.SupervisorStrategy;
import dev.troupe.TroupeException;
import dev.troupe.TypeOptions;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.definition.EventDefinition;
import dev.troupe.host.Address;
import dev.troupe.host.HostedType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registered actor type: an {@link ActorDefinition} with the options it was registered with, its
 * actions, its state codec and its access rules. Built once at registration, where every rule is
 * checked so that a bad type fails the build with {@code config/invalid_registration} rather than a
 * call at run time. Immutable and thread-safe.
 */
final class ActorType implements HostedType {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final String name;
    private final ActorDefinition definition;
    private final @Nullable Class<?> contract;
    private final Map<String, Action> actions;
    private final Map<Method, Action> actionsByMethod;
    private final ObjectReader stateReader;
    private final Logger logger;
    private final Durability durability;
    private final Duration sleepAfter;
    private final int stateVersion;
    private final Map<Integer, UnaryOperator<JsonNode>> upcasters;
    private final AccessRule accessRule;
    private final int maxConnections;
    private final boolean connectionsKeepAwake;
    private final @Nullable HistoryOptions history;
    private final SupervisorStrategy supervision;
    private final Set<String> queues;
    private final EventCatalog events;

    private ActorType(ActorDefinition definition, Map<String, Action> actions, EventCatalog events, TypeOptions options) {
        this.name = definition.typeName();
        this.definition = definition;
        this.actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        this.contract = definition.contract();
        this.actionsByMethod = contract == null ? Map.of() : actionsByMethod(contract, this.actions);
        this.logger = definition.logger();
        this.stateReader = Json.mapper().readerFor(Json.mapper().getTypeFactory().constructType(definition.stateType()))
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.durability = options.durability();
        this.sleepAfter = options.sleepAfter();
        this.stateVersion = options.stateVersion();
        this.upcasters = options.upcasters();
        this.accessRule = options.accessRule();
        this.maxConnections = options.maxConnections();
        this.connectionsKeepAwake = options.connectionsKeepAwake();
        this.history = options.historyOptions();
        this.supervision = options.supervision();
        this.queues = options.queues().isEmpty() ? Set.of()
                : Collections.unmodifiableSet(new TreeSet<>(options.queues()));
        this.events = events;
        for (int v = 1; v < stateVersion; v++) {
            if (!upcasters.containsKey(v)) {
                throw invalid(definition, "state version " + stateVersion
                        + " needs an upcaster from every earlier version; missing one from version " + v);
            }
        }
    }

    /**
     * Checks a definition and builds its type.
     *
     * @throws TroupeException {@code config/invalid_registration} naming the definition and the broken rule
     */
    static ActorType of(ActorDefinition definition, TypeOptions options) {
        Objects.requireNonNull(definition, "definition");
        String name = definition.typeName();
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid(definition, "actor type name '" + name + "' must match " + NAME);
        }
        List<ActionDefinition> declared = definition.actions();
        if (declared == null || declared.isEmpty()) {
            throw invalid(definition, "declares no actions");
        }
        Map<String, Action> actions = new LinkedHashMap<>();
        for (ActionDefinition action : declared) {
            if (!isIdentifier(action.name())) {
                throw invalid(definition, "action name '" + action.name()
                        + "' must be an identifier (a letter, _ or $, then letters, digits, _ or $)");
            }
            if (actions.putIfAbsent(action.name(), new Action(action)) != null) {
                throw invalid(definition, "declares action '" + action.name() + "' twice; action names must be unique");
            }
        }
        List<EventDefinition> declaredEvents = new ArrayList<>();
        if (definition.events() != null) {
            declaredEvents.addAll(definition.events());
        }
        declaredEvents.addAll(options.events());
        EventCatalog events;
        try {
            events = EventCatalog.of(name, declaredEvents, options.validatesEvents());
        } catch (IllegalArgumentException e) {
            throw invalid(definition, e.getMessage());
        }
        return new ActorType(definition, actions, events, options);
    }

    /** The contract's methods that are actions, each to the action of its name. */
    private static Map<Method, Action> actionsByMethod(Class<?> contract, Map<String, Action> actions) {
        Map<Method, Action> byMethod = new LinkedHashMap<>();
        for (Method method : contract.getMethods()) {
            Action action = actions.get(method.getName());
            if (action != null && !Modifier.isStatic(method.getModifiers())) {
                byMethod.put(method, action);
            }
        }
        return Map.copyOf(byMethod);
    }

    private static boolean isIdentifier(@Nullable String name) {
        if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().allMatch(Character::isJavaIdentifierPart);
    }

    private static TroupeException invalid(ActorDefinition definition, String message) {
        Class<?> contract = definition.contract();
        String origin = "actor type '" + definition.typeName() + "'"
                + (contract == null ? "" : " (contract " + contract.getName() + ")");
        return new TroupeException(ErrorCode.INVALID_REGISTRATION, origin + ": " + message);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ActorDefinition definition() {
        return definition;
    }

    /** The contract interface of a Java actor class, else null. */
    @Nullable Class<?> contract() {
        return contract;
    }

    @Override
    public java.util.Collection<Action> actions() {
        return actions.values();
    }

    @Override
    public Action action(String actionName) {
        Action action = actions.get(actionName);
        if (action == null) {
            throw new TroupeException(ErrorCode.ACTION_NOT_FOUND,
                    "actor type '" + name + "' has no action '" + actionName + "'",
                    Map.of("type", name, "action", String.valueOf(actionName)));
        }
        return action;
    }

    /** The action of a contract method, or null if the method is not one. */
    @Nullable Action action(Method method) {
        return actionsByMethod.get(method);
    }

    /** The durability of this type's turns. */
    Durability durability() {
        return durability;
    }

    /**
     * Checks the caller's token scope ({@link TokenScope}), then the type's access rules.
     *
     * @throws TroupeException {@code auth/forbidden} if {@code caller} may not perform {@code operation}
     *                         on {@code address}
     */
    void authorize(Caller caller, Address address, String operation) {
        TokenScope.check(caller, address);
        checkAccess(caller, operation);
    }

    /**
     * Checks that {@code caller} may list the actors of this type: its token scope ({@link
     * TokenScope#checkListing}), then the access rules for {@link AccessRule#LIST}.
     *
     * @throws TroupeException {@code auth/forbidden}
     */
    void authorizeListing(Caller caller) {
        TokenScope.checkListing(caller, name);
        checkAccess(caller, AccessRule.LIST);
    }

    /**
     * Checks the type's access rules.
     *
     * @throws TroupeException {@code auth/forbidden} if {@code caller} may not perform {@code operation}
     */
    void checkAccess(Caller caller, String operation) {
        if (!accessRule.allows(caller, operation)) {
            throw new TroupeException(ErrorCode.FORBIDDEN,
                    caller.type().wireName() + " caller '" + caller.id() + "' may not " + describe(operation)
                            + " on actor type '" + name + "'",
                    Map.of("type", name, "operation", operation));
        }
    }

    private static String describe(String operation) {
        if (operation.equals(AccessRule.HISTORY)) {
            return "read the history";
        }
        if (operation.equals(AccessRule.LIST)) {
            return "list the actors";
        }
        return operation.startsWith("#") ? operation.substring(1) : "call '" + operation + "'";
    }

    @Override
    public List<EventDefinition> events() {
        return events.events();
    }

    @Override
    public void checkSubscription(Caller caller, String event) {
        events.checkSubscription(caller, event, accessRule);
    }

    /** The declared events and their rules. */
    EventCatalog eventCatalog() {
        return events;
    }

    /** Whether a connection of {@code caller} may receive {@code event} (always, unless the type declares events). */
    boolean mayReceive(Caller caller, String event) {
        return events.mayReceive(caller, event, accessRule);
    }

    /** What an actor of this type does when a turn of one of its children fails. */
    SupervisorStrategy supervision() {
        return supervision;
    }

    /** How this type keeps its turn history, or null if it keeps none. */
    @Nullable HistoryOptions history() {
        return history;
    }

    @Override
    public Set<String> queues() {
        return queues;
    }

    int maxConnections() {
        return maxConnections;
    }

    /** Whether open connections keep actors of this type awake; else they hibernate with the actor. */
    boolean connectionsKeepAwake() {
        return connectionsKeepAwake;
    }

    Duration sleepAfter() {
        return sleepAfter;
    }

    int stateVersion() {
        return stateVersion;
    }

    /** The logger of this type's actors: named after the Java class, else {@code dev.troupe.actor.<name>}. */
    Logger logger() {
        return logger;
    }

    /** A fresh behaviour for an activation. */
    ActorBehaviour newBehaviour() {
        return Objects.requireNonNull(definition.newBehaviour(), () -> "the definition of '" + name
                + "' made no behaviour");
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
