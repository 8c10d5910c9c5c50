package dev.troupe.statechart;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One state of a compiled machine, as XState's {@code StateNode}: its place in the tree, its document
 * {@code order} (a pre-order index that sorts entry and exit), and its transitions. Built once by
 * {@link MachineCompiler}, then read-only.
 */
final class StateNode {
    enum Type { ATOMIC, COMPOUND, PARALLEL, FINAL, HISTORY }

    final String key;
    final String id;
    /** The id as a JSON string, escaped once: snapshots write it often. */
    final SerializedString serializedId;
    final StateNode parent;
    final int order;
    final Type type;
    final boolean deepHistory;
    /** Child states by key, in JavaScript's key order (history states included). */
    final Map<String, StateNode> states = new LinkedHashMap<>();
    /** Children that are not history states, in key order. */
    final List<StateNode> children = new ArrayList<>();
    final List<ActionDef> entry = new ArrayList<>();
    final List<ActionDef> exit = new ArrayList<>();
    /** Transitions by event descriptor, in XState's order: {@code on}, then {@code onDone}, then {@code after}. */
    final Map<String, List<TransitionDef>> transitions = new LinkedHashMap<>();
    final List<TransitionDef> always = new ArrayList<>();
    final JsonNode output;
    /** The initial transition of a compound state. */
    TransitionDef initial;
    /** A history state's default transition ({@code target}), or {@code null} for XState's default. */
    TransitionDef historyDefault;
    /** For a parallel state: a transition targeting it, the default of its history children without a target. */
    TransitionDef selfTarget;

    /** The descriptors with a wildcard ({@code *}, {@code prefix.*}), longest first; see {@link #next}. */
    private final List<String> wildcards = new ArrayList<>();

    StateNode(String key, String id, StateNode parent, int order, Type type, boolean deepHistory, JsonNode output) {
        this.key = key;
        this.id = id;
        this.serializedId = new SerializedString(id);
        this.parent = parent;
        this.order = order;
        this.type = type;
        this.deepHistory = deepHistory;
        this.output = output;
    }

    boolean isAtomic() {
        return type == Type.ATOMIC || type == Type.FINAL;
    }

    /**
     * The first candidate transition for this event whose guard passes, or {@code null} (XState's
     * {@code next}): the exact descriptor's transitions, then those of the matching wildcard descriptors
     * from the longest (the most specific), in document order among equals. Nothing is cached per event
     * type, so events of ever new types cost no memory.
     */
    TransitionDef next(ObjectNode context, ObjectNode event, String eventType) {
        TransitionDef selected = firstEnabled(transitions.get(eventType), context, event);
        for (int i = 0; selected == null && i < wildcards.size(); i++) {
            String descriptor = wildcards.get(i);
            if (!descriptor.equals(eventType) && EventDescriptors.matches(eventType, descriptor)) {
                selected = firstEnabled(transitions.get(descriptor), context, event);
            }
        }
        return selected;
    }

    /** Called once the transitions are complete: orders the wildcard descriptors by specificity. */
    void sortWildcards() {
        transitions.keySet().stream().filter(EventDescriptors::isWildcard).forEach(wildcards::add);
        wildcards.sort((a, b) -> b.length() - a.length());
    }

    private static TransitionDef firstEnabled(List<TransitionDef> candidates, ObjectNode context, ObjectNode event) {
        if (candidates != null) {
            for (TransitionDef candidate : candidates) {
                if (candidate.guard == null || candidate.guard.test(context, event)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The history state's default transition: its {@code target}, the parallel parent, or the parent's initial. */
    TransitionDef resolveHistoryDefault() {
        if (historyDefault != null) {
            return historyDefault;
        }
        return parent.type == Type.PARALLEL ? parent.selfTarget : parent.initial;
    }

    @Override
    public String toString() {
        return "#" + id;
    }
}
