package dev.troupe.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles an XState config into {@link StateNode}s, as XState's {@code StateNode} constructor and
 * {@code _initialize} do: first every state (ids, types, document order), then transitions, whose targets
 * may name any state. Object keys are read in JavaScript's order (integer-like keys first, ascending),
 * because XState's behaviour follows {@code Object.keys}. Every fault is refused here with the state's id.
 */
final class MachineCompiler {
    private static final Set<String> STATE_KEYS = Set.of("id", "type", "initial", "states", "on", "after", "always",
            "onDone", "entry", "exit", "history", "target", "output", "description", "meta", "tags");
    private static final Set<String> ROOT_KEYS = Set.of("context", "version");
    private static final Set<String> TRANSITION_KEYS = Set.of("target", "guard", "actions", "reenter", "description",
            "meta");

    private final JsonNode definition;
    private final Implementations implementations;
    private final Map<String, StateNode> byId = new HashMap<>();
    private final List<StateNode> nodes = new ArrayList<>();
    private final Map<StateNode, JsonNode> configs = new HashMap<>();
    private String machineId;

    MachineCompiler(JsonNode definition, Implementations implementations) {
        this.definition = definition;
        this.implementations = implementations;
    }

    Machine compile() {
        if (definition == null || !definition.isObject()) {
            throw invalid("a machine definition is a JSON object");
        }
        machineId = definition.hasNonNull("id") ? text(definition, "id", "the machine") : "(machine)";
        JsonNode context = definition.get("context");
        if (context != null && !context.isObject()) {
            throw invalid("machine '" + machineId + "': 'context' must be an object");
        }
        StateNode root = create(definition, machineId, null);
        for (StateNode node : nodes) {
            initialize(node, configs.get(node));
            node.sortWildcards();
        }
        return new Machine(machineId, root, List.copyOf(nodes), Map.copyOf(byId), implementations,
                context == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) context).deepCopy());
    }

    private StateNode create(JsonNode config, String key, StateNode parent) {
        String where = parent == null ? "machine '" + machineId + "'" : "state '" + pathOf(parent) + key + "'";
        if (!config.isObject()) {
            throw invalid(where + ": a state is a JSON object");
        }
        config.fieldNames().forEachRemaining(field -> {
            if (!STATE_KEYS.contains(field) && !(parent == null && ROOT_KEYS.contains(field))) {
                throw invalid(where + ": '" + field + "' is not supported by this engine");
            }
        });
        String id = config.hasNonNull("id") ? text(config, "id", where)
                : parent == null ? machineId : parent.id + "." + key;
        JsonNode states = config.get("states");
        if (states != null && !states.isObject()) {
            throw invalid(where + ": 'states' must be an object");
        }
        StateNode.Type type = type(config, states, where);
        JsonNode historyConfig = config.get("history");
        if (historyConfig != null && !(historyConfig.isBoolean()
                || historyConfig.isTextual() && Set.of("shallow", "deep").contains(historyConfig.asText()))) {
            throw invalid(where + ": 'history' is 'shallow', 'deep' or true");
        }
        boolean deep = historyConfig != null && historyConfig.asText().equals("deep");
        JsonNode output = type == StateNode.Type.FINAL || parent == null ? config.get("output") : null;
        StateNode node = new StateNode(key, id, parent, nodes.size(), type, deep, output);
        if (byId.putIfAbsent(id, node) != null) {
            throw invalid(where + ": the id '" + id + "' is used by two states");
        }
        nodes.add(node);
        configs.put(node, config);
        if (states != null) {
            for (String childKey : JsKeys.of(states)) {
                StateNode child = create(states.get(childKey), childKey, node);
                node.states.put(childKey, child);
                if (child.type != StateNode.Type.HISTORY) {
                    node.children.add(child);
                }
            }
        }
        node.entry.addAll(actions(config.get("entry"), where));
        node.exit.addAll(actions(config.get("exit"), where));
        return node;
    }

    private static StateNode.Type type(JsonNode config, JsonNode states, String where) {
        if (config.hasNonNull("type")) {
            return switch (config.get("type").asText()) {
                case "atomic" -> StateNode.Type.ATOMIC;
                case "compound" -> StateNode.Type.COMPOUND;
                case "parallel" -> StateNode.Type.PARALLEL;
                case "final" -> StateNode.Type.FINAL;
                case "history" -> StateNode.Type.HISTORY;
                default -> throw invalid(where + ": 'type' is atomic, compound, parallel, final or history");
            };
        }
        if (states != null && !states.isEmpty()) {
            return StateNode.Type.COMPOUND;
        }
        JsonNode history = config.get("history");
        return history != null && !history.equals(JsonNodeFactory.instance.booleanNode(false))
                ? StateNode.Type.HISTORY : StateNode.Type.ATOMIC;
    }

    private void initialize(StateNode node, JsonNode config) {
        String where = "state '#" + node.id + "'";
        initial(node, config.get("initial"), where);
        JsonNode on = config.get("on");
        if (on != null) {
            if (!on.isObject()) {
                throw invalid(where + ": 'on' must be an object");
            }
            for (String descriptor : JsKeys.of(on)) {
                if (descriptor.isEmpty()) {
                    throw invalid(where + ": the event descriptor \"\" is not allowed; use 'always'");
                }
                node.transitions.put(descriptor, transitions(node, on.get(descriptor), where + " on '" + descriptor + "'"));
            }
        }
        if (config.has("onDone")) {
            node.transitions.put("xstate.done.state." + node.id, transitions(node, config.get("onDone"), where + " onDone"));
        }
        after(node, config.get("after"), where);
        if (config.has("always")) {
            node.always.addAll(transitions(node, config.get("always"), where + " always"));
        }
        if (node.type == StateNode.Type.PARALLEL) {
            node.selfTarget = new TransitionDef(node, List.of(node), null, List.of(), false);
        }
        if (node.type == StateNode.Type.HISTORY && config.hasNonNull("target")) {
            List<StateNode> targets = new ArrayList<>();
            for (String target : targetList(config.get("target"), where)) {
                targets.add(byPath(node.parent, target, where));
            }
            node.historyDefault = new TransitionDef(node, List.copyOf(targets), null, List.of(), false);
        }
        if (node.type == StateNode.Type.HISTORY && node.historyDefault == null && node.parent.type == StateNode.Type.COMPOUND
                && node.parent.initial == null) {
            throw invalid(where + ": a history state needs a 'target' or a parent with 'initial'");
        }
    }

    private void initial(StateNode node, JsonNode initial, String where) {
        if (initial == null || initial.isNull()) {
            if (node.type == StateNode.Type.COMPOUND) {
                throw invalid(where + ": a compound state needs 'initial' (one of " + node.states.keySet() + ")");
            }
            return;
        }
        String key = initial.isObject() ? text(initial, "target", where + " initial") : initial.asText();
        StateNode target = node.states.get(key);
        if (!initial.isTextual() && !initial.isObject() || target == null) {
            throw invalid(where + ": the initial state '" + key + "' is not one of its states " + node.states.keySet());
        }
        List<ActionDef> actions = initial.isObject() ? actions(initial.get("actions"), where + " initial") : List.of();
        node.initial = new TransitionDef(node, List.of(target), null, actions, false);
    }

    private void after(StateNode node, JsonNode after, String where) {
        if (after == null) {
            return;
        }
        if (!after.isObject()) {
            throw invalid(where + ": 'after' must be an object of delays in milliseconds");
        }
        for (String delay : JsKeys.of(after)) {
            long millis = delayMillis(delay, where);
            String eventType = "xstate.after." + millis + "." + node.id;
            node.entry.add(new ActionDef(Action.AFTER_SCHEDULE, new ActionImpl.ScheduleAfter(eventType, millis)));
            node.exit.add(new ActionDef(Action.AFTER_CANCEL, new ActionImpl.CancelAfter(eventType)));
            node.transitions.computeIfAbsent(eventType, k -> new ArrayList<>())
                    .addAll(transitions(node, after.get(delay), where + " after " + delay));
        }
    }

    private static long delayMillis(String delay, String where) {
        try {
            BigDecimal value = new BigDecimal(delay.trim());
            if (value.signum() >= 0 && value.stripTrailingZeros().scale() <= 0) {
                return value.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(where + ": the delay '" + delay + "' is not a whole number of milliseconds"
                    + " (named delays are not supported)");
        }
        throw invalid(where + ": the delay '" + delay + "' is not a whole number of milliseconds");
    }

    private List<TransitionDef> transitions(StateNode source, JsonNode config, String where) {
        List<TransitionDef> result = new ArrayList<>();
        for (JsonNode item : config.isArray() ? config : List.of(config)) {
            if (item.isTextual()) {
                result.add(new TransitionDef(source, targets(source, item, where), null, List.of(), false));
            } else if (item.isObject()) {
                item.fieldNames().forEachRemaining(field -> {
                    if (!TRANSITION_KEYS.contains(field)) {
                        throw invalid(where + ": '" + field + "' is not supported in a transition"
                                + (field.equals("internal") ? " (XState v5 uses 'reenter')" : ""));
                    }
                });
                JsonNode reenter = item.get("reenter");
                if (reenter != null && !reenter.isBoolean()) {
                    throw invalid(where + ": 'reenter' must be true or false");
                }
                result.add(new TransitionDef(source, targets(source, item.get("target"), where),
                        item.hasNonNull("guard") ? guard(item.get("guard"), where) : null,
                        actions(item.get("actions"), where), reenter != null && reenter.asBoolean()));
            } else {
                throw invalid(where + ": a transition is a target string or an object");
            }
        }
        return List.copyOf(result);
    }

    private List<StateNode> targets(StateNode source, JsonNode target, String where) {
        if (target == null || target.isNull() || target.isTextual() && target.asText().isEmpty()) {
            return null;
        }
        List<StateNode> result = new ArrayList<>();
        for (String path : targetList(target, where)) {
            result.add(resolveTarget(source, path, where));
        }
        return List.copyOf(result);
    }

    private static List<String> targetList(JsonNode target, String where) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : target.isArray() ? target : List.of(target)) {
            if (!item.isTextual()) {
                throw invalid(where + ": a target is a string");
            }
            result.add(item.asText());
        }
        return result;
    }

    /** XState's resolveTarget: {@code #id}, {@code .child} (from the source), or a sibling path. */
    private StateNode resolveTarget(StateNode source, String target, String where) {
        if (target.startsWith("#")) {
            return byPath(source, target, where);
        }
        boolean internal = target.startsWith(".");
        if (source.parent == null) {
            if (!internal) {
                throw invalid(where + ": the target '" + target + "' is not valid from the root; did you mean '."
                        + target + "'?");
            }
            return byPath(source, target.substring(1), where);
        }
        return byPath(source.parent, internal ? source.key + target : target, where);
    }

    private StateNode byPath(StateNode from, String path, String where) {
        List<String> segments = StateValues.toStatePath(path);
        StateNode current = from;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                break;
            }
            StateNode next = segment.startsWith("#") ? byId.get(segment.substring(1)) : current.states.get(segment);
            if (next == null) {
                throw invalid(where + ": the target '" + path + "' names no state ('" + segment + "' is not "
                        + (segment.startsWith("#") ? "a state id" : "a child of '#" + current.id + "'") + ")");
            }
            current = next;
        }
        return current;
    }

    private GuardExpr guard(JsonNode guard, String where) {
        String type = guard.isTextual() ? guard.asText() : guard.isObject() ? text(guard, "type", where + " guard") : null;
        if (type == null) {
            throw invalid(where + ": a guard is a name or an object with a 'type'");
        }
        if (guard.isObject() && Set.of("and", "or", "not").contains(type)) {
            JsonNode guards = guard.get("guards");
            if (guards == null || !guards.isArray() || guards.isEmpty() || type.equals("not") && guards.size() != 1) {
                throw invalid(where + ": the guard '" + type + "' needs 'guards': "
                        + (type.equals("not") ? "one guard" : "an array of guards"));
            }
            List<GuardExpr> operands = new ArrayList<>();
            guards.forEach(operand -> operands.add(guard(operand, where)));
            return switch (type) {
                case "and" -> new GuardExpr.And(List.copyOf(operands));
                case "or" -> new GuardExpr.Or(List.copyOf(operands));
                default -> new GuardExpr.Not(operands.get(0));
            };
        }
        if (guard.isObject() && guard.size() > 1) {
            throw invalid(where + ": guard '" + type + "' has keys beyond 'type' (params are not supported)");
        }
        Implementations.Guard impl = implementations.guard(type);
        if (impl == null) {
            throw invalid(where + ": the guard '" + type + "' has no implementation");
        }
        return new GuardExpr.Named(type, impl);
    }

    private List<ActionDef> actions(JsonNode actions, String where) {
        if (actions == null || actions.isNull()) {
            return List.of();
        }
        List<ActionDef> result = new ArrayList<>();
        for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
            String name = action.isTextual() ? action.asText()
                    : action.isObject() && action.size() == 1 ? text(action, "type", where + " action") : null;
            if (name == null) {
                throw invalid(where + ": an action is a name or {\"type\": name} (params are not supported)");
            }
            ActionImpl impl = implementations.action(name);
            if (impl == null) {
                throw invalid(where + ": the action '" + name + "' has no implementation");
            }
            result.add(new ActionDef(name, impl));
        }
        return List.copyOf(result);
    }

    private static String text(JsonNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(where + ": '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String pathOf(StateNode node) {
        return node.parent == null ? "" : pathOf(node.parent) + node.key + ".";
    }

    private static TroupeException invalid(String message) {
        return new TroupeException(ErrorCode.INVALID_REGISTRATION, message);
    }

    /** JavaScript's {@code Object.keys} order: array-index keys ascending, then the others as written. */
    static final class JsKeys {
        private JsKeys() {}

        static List<String> of(JsonNode object) {
            Map<Long, String> indexes = new TreeMap<>();
            List<String> others = new ArrayList<>();
            object.fieldNames().forEachRemaining(key -> {
                if (isArrayIndex(key)) {
                    indexes.put(Long.parseLong(key), key);
                } else {
                    others.add(key);
                }
            });
            List<String> keys = new ArrayList<>(indexes.values());
            keys.addAll(others);
            return keys;
        }

        private static boolean isArrayIndex(String key) {
            if (key.isEmpty() || key.length() > 10 || key.length() > 1 && key.charAt(0) == '0') {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                    return false;
                }
            }
            return Long.parseLong(key) < 4294967295L;
        }
    }
}
