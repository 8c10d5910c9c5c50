package dev.troupe.statechart;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A machine at rest: its state {@code value} in XState's shape (a string, or nested objects for compound
 * and parallel states), its {@code context}, its {@code status}, and the bookkeeping the next transition
 * needs: the remembered history of each history state, and the active states in the order XState keeps
 * them (that order decides which parallel region acts first).
 *
 * <p>Immutable and thread-safe. {@link #toJson()} writes everything, so a snapshot survives a restart
 * unchanged through {@link #fromJson(Machine, JsonNode)}. Delays are not part of it: the host keeps what
 * {@link Action.Schedule} asked for.
 *
 * <p>A snapshot is {@link JsonSerializable}: Jackson writes it as the bytes of {@link #toJson()}, streamed
 * without building that tree (a host that stores snapshots writes them this way).
 */
public final class Snapshot implements JsonSerializable {
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString CONTEXT = new SerializedString("context");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString OUTPUT = new SerializedString("output");
    private static final SerializedString HISTORY_VALUE = new SerializedString("historyValue");
    private static final SerializedString CONFIGURATION = new SerializedString("configuration");

    /** Whether the machine still processes events. */
    public enum Status {
        /** Not in a top-level final state: events are processed. */
        ACTIVE("active"),
        /** In a top-level final state: events are ignored. */
        DONE("done");

        private final String json;
        private final SerializedString serialized;

        Status(String json) {
            this.json = json;
            this.serialized = new SerializedString(json);
        }

        /** The name XState uses ({@code "active"}, {@code "done"}). */
        public String json() {
            return json;
        }
    }

    private final Machine machine;
    private final List<StateNode> configuration;
    private final Map<StateNode, List<StateNode>> history;
    private final ObjectNode context;
    private final Status status;
    private final JsonNode output;
    private final JsonNode value;
    private final List<StateNode>[] adjacency;

    Snapshot(Machine machine, List<StateNode> configuration, Map<StateNode, List<StateNode>> history,
            ObjectNode context, Status status, JsonNode output, JsonNode value, List<StateNode>[] adjacency) {
        this.machine = machine;
        this.configuration = configuration;
        this.history = history;
        this.context = context;
        this.status = status;
        this.output = output;
        this.value = value;
        this.adjacency = adjacency;
    }

    /** The state value, as XState's {@code snapshot.value} (a copy). */
    public JsonNode value() {
        return value.deepCopy();
    }

    /** The context (a copy: the snapshot itself cannot be changed). */
    public ObjectNode context() {
        return context.deepCopy();
    }

    /**
     * A copy of one part of the context, without copying the rest: the member reached by following
     * {@code names} through nested objects (such as {@code "private", "<caller id>"}), or null if one of
     * them is missing or reached through something that is not an object.
     */
    public JsonNode contextPart(String... names) {
        JsonNode part = context;
        for (String name : names) {
            part = part instanceof ObjectNode object ? object.get(name) : null;
            if (part == null) {
                return null;
            }
        }
        return part.deepCopy();
    }

    /** Whether the machine is done. */
    public Status status() {
        return status;
    }

    /** The machine's {@code output} once done, or {@code null}. */
    public JsonNode output() {
        return output == null ? null : output.deepCopy();
    }

    /** XState's {@code snapshot.matches}: whether this snapshot is in {@code stateValue} ({@code "a.b"} or an object). */
    public boolean matches(JsonNode stateValue) {
        return StateValues.matches(stateValue, value);
    }

    /** {@link #matches(JsonNode)} for a dotted path such as {@code "editing.draft"}. */
    public boolean matches(String statePath) {
        return matches(TextNode.valueOf(statePath));
    }

    /**
     * The whole snapshot as JSON: {@code value}, {@code context}, {@code status}, {@code output} (when
     * done with one), {@code historyValue} (history state id to the ids it remembers, as XState persists
     * it) and {@code configuration} (the active state ids, in order).
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("value", value.deepCopy());
        json.set("context", context.deepCopy());
        json.put("status", status.json());
        if (output != null) {
            json.set("output", output.deepCopy());
        }
        ObjectNode historyJson = json.putObject("historyValue");
        history.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.order, b.order)))
                .forEach(entry -> ids(historyJson.putArray(entry.getKey().id), entry.getValue()));
        ids(json.putArray("configuration"), configuration);
        return json;
    }

    /** Writes {@link #toJson()}'s members in its order, each value written as its tree would be. */
    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeStartObject(this);
        writeMembers(generator, serializers);
        generator.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer types)
            throws IOException {
        WritableTypeId typeId = types.writeTypePrefix(generator, types.typeId(this, JsonToken.START_OBJECT));
        writeMembers(generator, serializers);
        types.writeTypeSuffix(generator, typeId);
    }

    private void writeMembers(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeFieldName(VALUE);
        value.serialize(generator, serializers);
        generator.writeFieldName(CONTEXT);
        context.serialize(generator, serializers);
        generator.writeFieldName(STATUS);
        generator.writeString(status.serialized);
        if (output != null) {
            generator.writeFieldName(OUTPUT);
            output.serialize(generator, serializers);
        }
        generator.writeFieldName(HISTORY_VALUE);
        generator.writeStartObject();
        if (!history.isEmpty()) {
            List<Map.Entry<StateNode, List<StateNode>>> entries = new ArrayList<>(history.entrySet());
            entries.sort(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.order, b.order)));
            for (Map.Entry<StateNode, List<StateNode>> entry : entries) {
                generator.writeFieldName(entry.getKey().serializedId);
                writeIds(generator, entry.getValue());
            }
        }
        generator.writeEndObject();
        generator.writeFieldName(CONFIGURATION);
        writeIds(generator, configuration);
    }

    private static void writeIds(JsonGenerator generator, List<StateNode> nodes) throws IOException {
        generator.writeStartArray();
        for (StateNode node : nodes) {
            generator.writeString(node.serializedId);
        }
        generator.writeEndArray();
    }

    /**
     * Reads what {@link #toJson()} wrote, for this machine.
     *
     * @throws IllegalArgumentException if the JSON is not such a snapshot, or names a state the machine
     *     does not have
     */
    public static Snapshot fromJson(Machine machine, JsonNode json) {
        if (json == null || !json.isObject() || !(json.get("context") instanceof ObjectNode context)) {
            throw new IllegalArgumentException("a snapshot is an object with an object 'context'");
        }
        List<StateNode> configuration = nodes(machine, json.get("configuration"));
        if (configuration.isEmpty()) {
            throw new IllegalArgumentException("a snapshot lists its active state ids in 'configuration'");
        }
        Map<StateNode, List<StateNode>> history = new HashMap<>();
        JsonNode historyJson = json.path("historyValue");
        for (Iterator<Map.Entry<String, JsonNode>> it = historyJson.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            history.put(machine.node(entry.getKey()), nodes(machine, entry.getValue()));
        }
        Status status = switch (json.path("status").asText()) {
            case "active" -> Status.ACTIVE;
            case "done" -> Status.DONE;
            default -> throw new IllegalArgumentException("a snapshot's status is 'active' or 'done'");
        };
        List<StateNode>[] adjacency = StateValues.adjacency(configuration, machine.size());
        JsonNode value = StateValues.value(machine.root(), adjacency);
        return new Snapshot(machine, configuration, Map.copyOf(history), context.deepCopy(), status,
                json.hasNonNull("output") ? json.get("output").deepCopy() : null, value, adjacency);
    }

    Machine machine() {
        return machine;
    }

    List<StateNode> configuration() {
        return configuration;
    }

    Map<StateNode, List<StateNode>> history() {
        return history;
    }

    /** The active children of each active state ({@link StateValues#adjacency}), for the engine (never handed out). */
    List<StateNode>[] adjacency() {
        return adjacency;
    }

    /** The state value itself, for the engine (never handed out). */
    JsonNode valueNode() {
        return value;
    }

    /** The output itself, for the engine (never handed out). */
    JsonNode outputNode() {
        return output;
    }

    /** The context itself, for the engine (never handed out). */
    ObjectNode contextNode() {
        return context;
    }

    private static void ids(ArrayNode array, List<StateNode> nodes) {
        nodes.forEach(node -> array.add(node.id));
    }

    private static List<StateNode> nodes(Machine machine, JsonNode ids) {
        if (ids == null || !ids.isArray()) {
            throw new IllegalArgumentException("a snapshot's 'configuration' and 'historyValue' entries are arrays of state ids");
        }
        List<StateNode> nodes = new ArrayList<>();
        ids.forEach(id -> nodes.add(machine.node(id.asText())));
        return List.copyOf(nodes);
    }

    @Override
    public String toString() {
        return "Snapshot" + toJson();
    }
}
