package dev.troupe.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** State values in XState's shape, built from an active configuration, and {@code matchesState}. */
final class StateValues {
    private StateValues() {}

    /**
     * The active children of each active state, in configuration order (XState's {@code getAdjList}):
     * index {@code order} of the result lists the children of the state with that order.
     */
    @SuppressWarnings("unchecked")
    static List<StateNode>[] adjacency(Collection<StateNode> configuration, int size) {
        List<StateNode>[] adjacency = new List[size];
        for (StateNode node : configuration) {
            if (adjacency[node.order] == null) {
                adjacency[node.order] = new ArrayList<>(2);
            }
            if (node.parent != null) {
                if (adjacency[node.parent.order] == null) {
                    adjacency[node.parent.order] = new ArrayList<>(2);
                }
                adjacency[node.parent.order].add(node);
            }
        }
        return adjacency;
    }

    /** XState's {@code getValueFromAdj}: a string for a compound state in an atomic child, else an object. */
    static JsonNode value(StateNode node, List<StateNode>[] adjacency) {
        List<StateNode> children = adjacency[node.order];
        if (children == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (node.type == StateNode.Type.COMPOUND) {
            if (children.isEmpty()) {
                return JsonNodeFactory.instance.objectNode();
            }
            StateNode child = children.get(0);
            if (child.isAtomic()) {
                return TextNode.valueOf(child.key);
            }
        }
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        for (StateNode child : children) {
            value.set(child.key, value(child, adjacency));
        }
        return value;
    }

    /** A dotted path ({@code "a.b"}, with {@code \} escaping a dot) as a state value; other values as given. */
    static JsonNode toStateValue(JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        List<String> path = toStatePath(value.asText());
        JsonNode result = TextNode.valueOf(path.get(path.size() - 1));
        for (int i = path.size() - 2; i >= 0; i--) {
            ObjectNode parent = JsonNodeFactory.instance.objectNode();
            parent.set(path.get(i), result);
            result = parent;
        }
        return result;
    }

    static List<String> toStatePath(String stateId) {
        List<String> result = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < stateId.length(); i++) {
            char c = stateId.charAt(i);
            if (c == '\\' && i + 1 < stateId.length()) {
                segment.append(stateId.charAt(++i));
            } else if (c == '.') {
                result.add(segment.toString());
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        result.add(segment.toString());
        return result;
    }

    static boolean matches(JsonNode parentValue, JsonNode childValue) {
        JsonNode parent = toStateValue(parentValue);
        JsonNode child = toStateValue(childValue);
        if (child.isTextual()) {
            return parent.isTextual() && parent.asText().equals(child.asText());
        }
        if (parent.isTextual()) {
            return child.has(parent.asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = parent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!child.has(entry.getKey()) || !matches(entry.getValue(), child.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
