package dev.troupe.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/*
 * One run-to-completion step of a machine, ported from XState v5's packages/core/src/stateUtils.ts
 * (macrostep, microstep, exitStates, enterStates, computeExitSet, computeEntrySet,
 * removeConflictingTransitions, selectEventlessTransitions), itself the W3C SCXML algorithm
 * (https://www.w3.org/TR/scxml/#AlgorithmforSCXMLInterpretation) with XState's choices:
 *
 *  - Transition selection walks the active configuration from the root as XState walks the state value:
 *    the innermost states first, parallel regions in configuration order; in each state the exact
 *    descriptor's transitions, then wildcard descriptors from the longest; the first whose guard passes.
 *  - A microstep exits (descendants first, recording history), runs the transitions' actions, then
 *    enters (ancestors first, by document order). Entering a final state queues xstate.done.state.<id>
 *    for its parent and for each parallel ancestor that is now complete; a top-level final state makes
 *    the machine done and runs every active state's exit actions.
 *  - After each microstep, eventless (always) transitions are selected first; when none is enabled the
 *    next raised event is taken from the internal queue. As in XState, a microstep that changed nothing
 *    (no context assignment, same states, same history) is not followed by another eventless selection.
 *
 * The configuration is a LinkedHashSet because its insertion order is observable in XState: it orders
 * parallel regions in the state value and in transition selection, and atomic states in eventless
 * selection. Unlike XState (whose loop limit is infinite by default), a macrostep gives up after
 * MAX_MICROSTEPS with machine/loop_detected; the caller's snapshot is untouched because nothing here
 * mutates it.
 */
final class Macrostep {
    static final int MAX_MICROSTEPS = 10_000;
    private static final Comparator<StateNode> DOCUMENT_ORDER = Comparator.comparingInt(node -> node.order);
    private static final Comparator<StateNode> REVERSE_DOCUMENT_ORDER = DOCUMENT_ORDER.reversed();

    private final Machine machine;
    /** The active states once a microstep exits or enters one (from the start); until then the start's. */
    private LinkedHashSet<StateNode> configuration;
    private final ArrayDeque<ObjectNode> internalQueue = new ArrayDeque<>();
    private final List<Action> actions = new ArrayList<>();
    private final Snapshot start;
    private Map<StateNode, List<StateNode>> history;
    private ObjectNode context;
    private Snapshot.Status status = Snapshot.Status.ACTIVE;
    private JsonNode output;
    private boolean assigned;
    private boolean moved;

    /** A macrostep from {@code start}, or from the bare root (the initial transition) if it is null. */
    private Macrostep(Machine machine, Snapshot start, ObjectNode context) {
        this.machine = machine;
        this.start = start;
        this.configuration = start == null ? new LinkedHashSet<>(List.of(machine.root())) : null;
        this.history = start == null ? Map.of() : start.history();
        this.context = context;
    }

    static Transition initial(Machine machine, JsonNode input) {
        ObjectNode context = machine.implementations().contextFactory().create(machine.definedContext(), input);
        Macrostep step = new Macrostep(machine, null, context);
        ObjectNode init = Events.init(input);
        List<StateNode> targets = new ArrayList<>(initialStates(machine.root()));
        step.microstep(List.of(new TransitionDef(machine.root(), targets, null, List.of(), true)), init, true);
        return step.runToCompletion(init);
    }

    static Transition transition(Machine machine, Snapshot snapshot, ObjectNode event) {
        Events.type(event);
        if (snapshot.machine() != machine) {
            throw new IllegalArgumentException("the snapshot belongs to machine '" + snapshot.machine().id()
                    + "', not to this '" + machine.id() + "'; restore it with Snapshot.fromJson");
        }
        if (snapshot.status() != Snapshot.Status.ACTIVE) {
            return new Transition(snapshot, List.of());
        }
        Macrostep step = new Macrostep(machine, snapshot, snapshot.contextNode());
        step.microstep(step.selectTransitions(event), event, false);
        return step.runToCompletion(event);
    }

    /** The active states, to read: the start's until a microstep changes them. */
    private Collection<StateNode> nodes() {
        return configuration != null ? configuration : start.configuration();
    }

    /** The active states, to change: a copy of the start's, made once. */
    private LinkedHashSet<StateNode> active() {
        if (configuration == null) {
            configuration = new LinkedHashSet<>(start.configuration());
        }
        return configuration;
    }

    ObjectNode context() {
        return context;
    }

    void assign(ObjectNode next, String name) {
        if (next == null) {
            throw new IllegalArgumentException("assign '" + name + "' returned no context");
        }
        context = next;
        assigned = true;
        record(new Action.Assign(name));
    }

    void raise(ObjectNode event) {
        internalQueue.add(event);
    }

    void record(Action action) {
        actions.add(action);
    }

    private Transition runToCompletion(ObjectNode event) {
        ObjectNode nextEvent = event;
        boolean selectEventless = true;
        int microsteps = 0;
        while (status == Snapshot.Status.ACTIVE) {
            if (++microsteps > MAX_MICROSTEPS) {
                throw new TroupeException(ErrorCode.MACHINE_LOOP, "machine '" + machine.id() + "' took more than "
                        + MAX_MICROSTEPS + " microsteps for event '" + Events.type(event)
                        + "' without coming to rest (a cycle of always transitions or raised events)");
            }
            List<TransitionDef> enabled = selectEventless ? selectEventlessTransitions(nextEvent) : List.of();
            boolean eventless = !enabled.isEmpty();
            if (!eventless) {
                if (internalQueue.isEmpty()) {
                    break;
                }
                nextEvent = internalQueue.poll();
                enabled = selectTransitions(nextEvent);
            }
            boolean changed = microstep(enabled, nextEvent, false);
            selectEventless = !eventless || changed;
        }
        List<StateNode> nodes = moved ? List.copyOf(configuration) : null;
        if (start != null && (nodes == null || nodes.equals(start.configuration()))) {
            if (unchanged()) {
                return new Transition(start, actions);
            }
            return new Transition(new Snapshot(machine, start.configuration(), history, context, status, output,
                    start.valueNode(), start.adjacency()), actions);
        }
        List<StateNode>[] adjacency = StateValues.adjacency(nodes, machine.size());
        JsonNode value = StateValues.value(machine.root(), adjacency);
        return new Transition(new Snapshot(machine, nodes, history, context, status, output, value, adjacency), actions);
    }

    /** Whether the snapshot at rest, in the start's states, is the start's: same history, status, output and context. */
    private boolean unchanged() {
        return history.equals(start.history()) && status == start.status() && Objects.equals(output, start.outputNode())
                && (context == start.contextNode() || context.equals(start.contextNode()));
    }

    /**
     * Returns whether the microstep changed the snapshot (XState compares snapshot identity). Only
     * transitions with targets exit and enter states: when none has one, the configuration stays as it
     * is and neither is computed.
     */
    private boolean microstep(List<TransitionDef> transitions, ObjectNode event, boolean initial) {
        if (transitions.isEmpty()) {
            return false;
        }
        Map<StateNode, List<StateNode>> historyBefore = history;
        assigned = false;
        List<TransitionDef> filtered = removeConflictingTransitions(transitions, nodes());
        boolean targeted = initial || anyTargeted(filtered);
        List<StateNode> before = targeted ? List.copyOf(active()) : null;
        if (targeted && !initial) {
            exitStates(filtered, event);
        }
        for (TransitionDef transition : filtered) {
            run(transition.actions, event);
        }
        if (targeted) {
            enterStates(filtered, event, initial);
        }
        boolean done = status == Snapshot.Status.DONE;
        if (done) {
            List<StateNode> active = new ArrayList<>(active());
            active.sort(REVERSE_DOCUMENT_ORDER);
            for (StateNode node : active) {
                run(node.exit, event);
            }
        }
        boolean sameNodes = before == null || before.size() == configuration.size() && configuration.containsAll(before);
        return assigned || done || history != historyBefore || !sameNodes;
    }

    private static boolean anyTargeted(List<TransitionDef> transitions) {
        for (TransitionDef transition : transitions) {
            if (transition.hasTarget()) {
                return true;
            }
        }
        return false;
    }

    private void run(List<ActionDef> defs, ObjectNode event) {
        for (ActionDef def : defs) {
            def.impl().run(def.name(), this, event);
        }
    }

    private List<TransitionDef> selectTransitions(ObjectNode event) {
        String type = Events.type(event);
        List<TransitionDef> selected = new ArrayList<>(2);
        List<StateNode>[] adjacency = configuration == null
                ? start.adjacency()
                : StateValues.adjacency(configuration, machine.size());
        select(machine.root(), adjacency, event, type, selected);
        return selected;
    }

    /** XState's transitionNode over the state value: children first, this state if none of them matched. */
    private void select(StateNode node, List<StateNode>[] adjacency, ObjectNode event, String type,
            List<TransitionDef> selected) {
        int before = selected.size();
        List<StateNode> children = adjacency[node.order];
        if (children != null) {
            for (StateNode child : children) {
                select(child, adjacency, event, type, selected);
            }
        }
        if (selected.size() == before) {
            TransitionDef transition = node.next(context, event, type);
            if (transition != null) {
                selected.add(transition);
            }
        }
    }

    private List<TransitionDef> selectEventlessTransitions(ObjectNode event) {
        if (!machine.hasEventless()) {
            return List.of();
        }
        LinkedHashSet<TransitionDef> enabled = new LinkedHashSet<>();
        for (StateNode atomic : nodes()) {
            if (!atomic.isAtomic()) {
                continue;
            }
            search:
            for (StateNode node = atomic; node != null; node = node.parent) {
                for (TransitionDef transition : node.always) {
                    if (transition.guard == null || transition.guard.test(context, event)) {
                        enabled.add(transition);
                        break search;
                    }
                }
            }
        }
        return enabled.isEmpty() ? List.of() : removeConflictingTransitions(new ArrayList<>(enabled), nodes());
    }

    private List<TransitionDef> removeConflictingTransitions(List<TransitionDef> enabled, Collection<StateNode> nodes) {
        if (enabled.size() == 1) {
            return enabled;
        }
        Map<TransitionDef, BitSet> exitSets = new HashMap<>();
        LinkedHashSet<TransitionDef> filtered = new LinkedHashSet<>();
        for (TransitionDef t1 : enabled) {
            boolean preempted = false;
            List<TransitionDef> toRemove = new ArrayList<>();
            BitSet exit1 = exitSets.computeIfAbsent(t1, t -> computeExitSet(List.of(t), nodes));
            for (TransitionDef t2 : filtered) {
                BitSet exit2 = exitSets.computeIfAbsent(t2, t -> computeExitSet(List.of(t), nodes));
                if (exit1.intersects(exit2)) {
                    if (isDescendant(t1.source, t2.source)) {
                        toRemove.add(t2);
                    } else {
                        preempted = true;
                        break;
                    }
                }
            }
            if (!preempted) {
                toRemove.forEach(filtered::remove);
                filtered.add(t1);
            }
        }
        return new ArrayList<>(filtered);
    }

    /** The states the transitions exit, as a set of document orders. */
    private BitSet computeExitSet(List<TransitionDef> transitions, Collection<StateNode> nodes) {
        BitSet exit = new BitSet(machine.size());
        for (TransitionDef transition : transitions) {
            if (transition.hasTarget()) {
                StateNode domain = transitionDomain(transition);
                if (transition.reenter && transition.source == domain) {
                    exit.set(domain.order);
                }
                for (StateNode node : nodes) {
                    if (isDescendant(node, domain)) {
                        exit.set(node.order);
                    }
                }
            }
        }
        return exit;
    }

    private void exitStates(List<TransitionDef> transitions, ObjectNode event) {
        LinkedHashSet<StateNode> configuration = active();
        BitSet exitOrders = computeExitSet(transitions, configuration);
        List<StateNode> exit = new ArrayList<>(exitOrders.cardinality());
        for (int i = exitOrders.length() - 1; i >= 0; i = exitOrders.previousSetBit(i - 1)) {
            exit.add(machine.nodeAt(i));
        }
        Map<StateNode, List<StateNode>> changedHistory = null;
        for (StateNode exiting : exit) {
            for (StateNode historyNode : exiting.states.values()) {
                if (historyNode.type != StateNode.Type.HISTORY) {
                    continue;
                }
                if (changedHistory == null) {
                    changedHistory = new HashMap<>(history);
                }
                List<StateNode> recorded = new ArrayList<>();
                for (StateNode node : configuration) {
                    boolean remembered = historyNode.deepHistory
                            ? node.isAtomic() && isDescendant(node, exiting)
                            : node.parent == exiting;
                    if (remembered) {
                        recorded.add(node);
                    }
                }
                changedHistory.put(historyNode, List.copyOf(recorded));
            }
        }
        for (StateNode exiting : exit) {
            run(exiting.exit, event);
            configuration.remove(exiting);
            moved = true;
        }
        if (changedHistory != null) {
            history = Map.copyOf(changedHistory);
        }
    }

    private void enterStates(List<TransitionDef> transitions, ObjectNode event, boolean initial) {
        BitSet toEnter = new BitSet(machine.size());
        BitSet defaultEntry = new BitSet(machine.size());
        computeEntrySet(transitions, defaultEntry, toEnter);
        if (initial) {
            defaultEntry.set(machine.root().order);
        }
        LinkedHashSet<StateNode> configuration = active();
        Set<StateNode> completed = new HashSet<>();
        for (int i = toEnter.nextSetBit(0); i >= 0; i = toEnter.nextSetBit(i + 1)) {
            StateNode entering = machine.nodeAt(i);
            configuration.add(entering);
            moved = true;
            run(entering.entry, event);
            if (defaultEntry.get(i) && entering.initial != null) {
                run(entering.initial.actions, event);
            }
            if (entering.type == StateNode.Type.FINAL) {
                reachFinal(entering, completed);
            }
        }
    }

    private void reachFinal(StateNode finalState, Set<StateNode> completed) {
        StateNode parent = finalState.parent;
        StateNode marker = parent == null ? null : parent.type == StateNode.Type.PARALLEL ? parent : parent.parent;
        if (parent != null && parent.type == StateNode.Type.COMPOUND) {
            internalQueue.add(Events.doneState(parent.id, finalState.output));
        }
        while (marker != null && marker.type == StateNode.Type.PARALLEL && !completed.contains(marker)
                && isInFinalState(marker)) {
            completed.add(marker);
            internalQueue.add(Events.doneState(marker.id, null));
            marker = marker.parent;
        }
        if (marker == null) {
            status = Snapshot.Status.DONE;
            output = machine.root().output;
        }
    }

    private boolean isInFinalState(StateNode node) {
        return switch (node.type) {
            case COMPOUND -> node.children.stream()
                    .anyMatch(child -> child.type == StateNode.Type.FINAL && active().contains(child));
            case PARALLEL -> node.children.stream().allMatch(this::isInFinalState);
            default -> node.type == StateNode.Type.FINAL;
        };
    }

    /** Collects, as document orders, the states to enter and those entered by default (XState's computeEntrySet). */
    private void computeEntrySet(List<TransitionDef> transitions, BitSet defaultEntry, BitSet toEnter) {
        for (TransitionDef transition : transitions) {
            StateNode domain = transitionDomain(transition);
            if (transition.target != null) {
                for (StateNode target : transition.target) {
                    if (target.type != StateNode.Type.HISTORY
                            && (transition.source != target || transition.source != domain || transition.reenter)) {
                        toEnter.set(target.order);
                        defaultEntry.set(target.order);
                    }
                    addDescendantStatesToEnter(target, defaultEntry, toEnter);
                }
            }
            StateNode reentrancyDomain = transition.source.parent == null && transition.reenter ? null : domain;
            for (StateNode target : effectiveTargetStates(transition.target)) {
                List<StateNode> ancestors = properAncestors(target, domain);
                if (domain != null && domain.type == StateNode.Type.PARALLEL) {
                    ancestors.add(domain);
                }
                addAncestorStatesToEnter(toEnter, defaultEntry, ancestors, reentrancyDomain);
            }
        }
    }

    private void addDescendantStatesToEnter(StateNode node, BitSet defaultEntry, BitSet toEnter) {
        if (node.type == StateNode.Type.HISTORY) {
            List<StateNode> remembered = history.get(node);
            if (remembered != null) {
                for (StateNode state : remembered) {
                    toEnter.set(state.order);
                    addDescendantStatesToEnter(state, defaultEntry, toEnter);
                }
                for (StateNode state : remembered) {
                    addAncestorStatesToEnter(toEnter, defaultEntry, properAncestors(state, node.parent), null);
                }
            } else {
                TransitionDef fallback = node.resolveHistoryDefault();
                for (StateNode state : fallback.target) {
                    toEnter.set(state.order);
                    if (fallback == node.parent.initial) {
                        defaultEntry.set(node.parent.order);
                    }
                    addDescendantStatesToEnter(state, defaultEntry, toEnter);
                }
                for (StateNode state : fallback.target) {
                    addAncestorStatesToEnter(toEnter, defaultEntry, properAncestors(state, node.parent), null);
                }
            }
        } else if (node.type == StateNode.Type.COMPOUND) {
            StateNode initialState = node.initial.target.get(0);
            if (initialState.type != StateNode.Type.HISTORY) {
                toEnter.set(initialState.order);
                defaultEntry.set(initialState.order);
            }
            addDescendantStatesToEnter(initialState, defaultEntry, toEnter);
            addAncestorStatesToEnter(toEnter, defaultEntry, properAncestors(initialState, node), null);
        } else if (node.type == StateNode.Type.PARALLEL) {
            for (StateNode child : node.children) {
                if (noneInside(toEnter, child)) {
                    toEnter.set(child.order);
                    defaultEntry.set(child.order);
                    addDescendantStatesToEnter(child, defaultEntry, toEnter);
                }
            }
        }
    }

    private void addAncestorStatesToEnter(BitSet toEnter, BitSet defaultEntry, List<StateNode> ancestors,
            StateNode reentrancyDomain) {
        for (StateNode ancestor : ancestors) {
            if (reentrancyDomain == null || isDescendant(ancestor, reentrancyDomain)) {
                toEnter.set(ancestor.order);
            }
            if (ancestor.type == StateNode.Type.PARALLEL) {
                for (StateNode child : ancestor.children) {
                    if (noneInside(toEnter, child)) {
                        toEnter.set(child.order);
                        addDescendantStatesToEnter(child, defaultEntry, toEnter);
                    }
                }
            }
        }
    }

    private boolean noneInside(BitSet states, StateNode ancestor) {
        for (int i = states.nextSetBit(0); i >= 0; i = states.nextSetBit(i + 1)) {
            if (isDescendant(machine.nodeAt(i), ancestor)) {
                return false;
            }
        }
        return true;
    }

    private StateNode transitionDomain(TransitionDef transition) {
        List<StateNode> targets = effectiveTargetStates(transition.target);
        if (!transition.reenter && allWithin(targets, transition.source)) {
            return transition.source;
        }
        List<StateNode> all = new ArrayList<>(targets);
        all.add(transition.source);
        StateNode lca = leastCommonAncestor(all);
        if (lca != null) {
            return lca;
        }
        return transition.reenter ? null : machine.root();
    }

    private static boolean allWithin(List<StateNode> targets, StateNode source) {
        for (StateNode target : targets) {
            if (target != source && !isDescendant(target, source)) {
                return false;
            }
        }
        return true;
    }

    private List<StateNode> effectiveTargetStates(List<StateNode> targets) {
        if (targets == null) {
            return List.of();
        }
        if (targets.size() == 1 && targets.get(0).type != StateNode.Type.HISTORY) {
            return targets;
        }
        LinkedHashSet<StateNode> effective = new LinkedHashSet<>();
        for (StateNode target : targets) {
            if (target.type == StateNode.Type.HISTORY) {
                List<StateNode> remembered = history.get(target);
                effective.addAll(remembered != null
                        ? remembered
                        : effectiveTargetStates(target.resolveHistoryDefault().target));
            } else {
                effective.add(target);
            }
        }
        return new ArrayList<>(effective);
    }

    private static StateNode leastCommonAncestor(List<StateNode> nodes) {
        StateNode head = nodes.get(0);
        for (StateNode ancestor : properAncestors(head, null)) {
            boolean common = true;
            for (int i = 1; i < nodes.size() && common; i++) {
                common = isDescendant(nodes.get(i), ancestor);
            }
            if (common) {
                return ancestor;
            }
        }
        return null;
    }

    /** The ancestors of {@code node} below {@code upTo} (all of them when {@code upTo} is null), innermost first. */
    private static List<StateNode> properAncestors(StateNode node, StateNode upTo) {
        List<StateNode> ancestors = new ArrayList<>();
        if (upTo == node) {
            return ancestors;
        }
        for (StateNode m = node.parent; m != null && m != upTo; m = m.parent) {
            ancestors.add(m);
        }
        return ancestors;
    }

    /** XState's isDescendant, including its answer for a null parent (true, even for the root). */
    private static boolean isDescendant(StateNode child, StateNode parent) {
        StateNode marker = child;
        while (marker.parent != null && marker.parent != parent) {
            marker = marker.parent;
        }
        return marker.parent == parent;
    }

    /** XState's getInitialStateNodes: the state, and recursively the initial (or every parallel) child. */
    private static LinkedHashSet<StateNode> initialStates(StateNode root) {
        LinkedHashSet<StateNode> states = new LinkedHashSet<>();
        collectInitial(root, states);
        return states;
    }

    private static void collectInitial(StateNode node, Set<StateNode> states) {
        if (!states.add(node)) {
            return;
        }
        if (node.type == StateNode.Type.COMPOUND) {
            collectInitial(node.initial.target.get(0), states);
        } else if (node.type == StateNode.Type.PARALLEL) {
            for (StateNode child : node.children) {
                collectInitial(child, states);
            }
        }
    }
}
