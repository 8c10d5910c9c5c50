package dev.troupe.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Defines a machine in Java. It writes XState's JSON config shape and compiles it as
 * {@link Machine#fromJson} does, so a machine built here and the same machine in JSON behave alike and
 * {@link #toJson()} shows the definition (for the Stately visualiser, or a test). Not thread-safe.
 *
 * {@snippet file=dev/troupe/statechart/MachineSnippetsTest.java region=builder}
 */
public final class MachineBuilder {
    private final ObjectNode config = JsonNodeFactory.instance.objectNode();
    private final State root = new State(config);

    MachineBuilder(String id) {
        config.put("id", id);
    }

    /** The initial context (a copy is kept). */
    public MachineBuilder context(ObjectNode context) {
        config.set("context", context.deepCopy());
        return this;
    }

    /** Defines the root state: its {@code initial}, {@code states}, {@code on} and so on. */
    public MachineBuilder root(Consumer<State> definition) {
        definition.accept(root);
        return this;
    }

    /** The definition so far, in XState's config shape (a copy). */
    public ObjectNode toJson() {
        return config.deepCopy();
    }

    /**
     * Compiles the definition.
     *
     * @throws dev.troupe.TroupeException {@code config/invalid_registration} as {@link Machine#fromJson} does
     */
    public Machine build(Implementations implementations) {
        return Machine.fromJson(config, implementations);
    }

    /** One state's definition. */
    public static final class State {
        private final ObjectNode config;

        private State(ObjectNode config) {
            this.config = config;
        }

        /** {@code type}: {@code atomic}, {@code compound}, {@code parallel}, {@code final} or {@code history}. */
        public State type(String type) {
            config.put("type", type);
            return this;
        }

        /** A history state ({@code type: history}), shallow or deep, with an optional default target. */
        public State history(boolean deep, String... defaultTarget) {
            config.put("type", "history").put("history", deep ? "deep" : "shallow");
            if (defaultTarget.length > 0) {
                config.set("target", strings(defaultTarget));
            }
            return this;
        }

        /** The initial child state's key. */
        public State initial(String key) {
            config.put("initial", key);
            return this;
        }

        /** A child state. */
        public State state(String key, Consumer<State> definition) {
            ObjectNode child = config.with("states").putObject(key);
            definition.accept(new State(child));
            return this;
        }

        /** Named entry actions, run in this order. */
        public State entry(String... actions) {
            append("entry", actions);
            return this;
        }

        /** Named exit actions, run in this order. */
        public State exit(String... actions) {
            append("exit", actions);
            return this;
        }

        /** A transition on an event descriptor ({@code *} and {@code prefix.*} wildcards allowed) to targets. */
        public State on(String descriptor, String... targets) {
            return on(descriptor, edge -> edge.target(targets));
        }

        /** A transition on an event descriptor; several calls for one descriptor are tried in order. */
        public State on(String descriptor, Consumer<Edge> definition) {
            addEdge(config.with("on"), descriptor, definition);
            return this;
        }

        /** An eventless transition, tried after every microstep. */
        public State always(Consumer<Edge> definition) {
            ObjectNode holder = JsonNodeFactory.instance.objectNode();
            addEdge(holder, "always", definition);
            appendEdges("always", holder.get("always"));
            return this;
        }

        /** A delayed transition, {@code millis} after each entry into this state. */
        public State after(long millis, Consumer<Edge> definition) {
            addEdge(config.with("after"), Long.toString(millis), definition);
            return this;
        }

        /** The transition taken when this compound or parallel state is done. */
        public State onDone(Consumer<Edge> definition) {
            ObjectNode holder = JsonNodeFactory.instance.objectNode();
            addEdge(holder, "onDone", definition);
            appendEdges("onDone", holder.get("onDone"));
            return this;
        }

        /** The {@code output} of a final state (in its done event) or of the machine. */
        public State output(JsonNode output) {
            config.set("output", output.deepCopy());
            return this;
        }

        private void append(String field, String... names) {
            ArrayNode array = config.has(field) ? (ArrayNode) config.get(field) : config.putArray(field);
            for (String name : names) {
                array.add(name);
            }
        }

        private void appendEdges(String field, JsonNode edges) {
            ArrayNode array = config.has(field) ? (ArrayNode) config.get(field) : config.putArray(field);
            edges.forEach(array::add);
        }

        private static void addEdge(ObjectNode holder, String key, Consumer<Edge> definition) {
            ObjectNode edge = JsonNodeFactory.instance.objectNode();
            definition.accept(new Edge(edge));
            ArrayNode list = holder.has(key) ? (ArrayNode) holder.get(key) : holder.putArray(key);
            list.add(edge);
        }
    }

    /** One transition's definition. */
    public static final class Edge {
        private final ObjectNode config;

        private Edge(ObjectNode config) {
            this.config = config;
        }

        /** Targets: a sibling path, {@code .child}, or {@code #id}; none for a targetless transition. */
        public Edge target(String... targets) {
            if (targets.length > 0) {
                config.set("target", strings(targets));
            }
            return this;
        }

        /** A named guard. */
        public Edge guard(String name) {
            config.put("guard", name);
            return this;
        }

        /** A guard expression in XState's shape, such as {@code {"type":"and","guards":["a",{"type":"not","guards":["b"]}]}}. */
        public Edge guard(JsonNode expression) {
            config.set("guard", expression.deepCopy());
            return this;
        }

        /** Named transition actions, run between the exit and the entry actions. */
        public Edge actions(String... names) {
            config.set("actions", strings(names));
            return this;
        }

        /** Whether a transition to this state or a descendant exits and re-enters it (XState's {@code reenter}). */
        public Edge reenter(boolean reenter) {
            config.put("reenter", reenter);
            return this;
        }
    }

    private static ArrayNode strings(String... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}
