package dev.troupe.statechart.actor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.troupe.statechart.Machine;
import dev.troupe.statechart.Snapshot;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of a machine actor as its turns keep it: the engine's {@link Snapshot} and the pending
 * delays (each pending delayed event's engine id to the id of the durable schedule that delivers it, in
 * the order they were scheduled). Jackson writes it as the stored JSON object {@code {"snapshot": ...,
 * "delays": {...}}} ({@link StoredMachine}), streaming the snapshot without building its tree; the
 * runtime loads it back as that JSON, which {@link #read} turns into this again.
 *
 * <p>Immutable: a turn that changes something makes a new one, sharing what stayed the same, so the
 * runtime may write it from its committer thread while the next turn runs.
 */
final class MachineState implements JsonSerializable {
    private static final SerializedString SNAPSHOT = new SerializedString(StoredMachine.SNAPSHOT);
    private static final SerializedString DELAYS = new SerializedString(StoredMachine.DELAYS);

    private final Snapshot snapshot;
    private final Map<String, String> delays;

    private MachineState(Snapshot snapshot, Map<String, String> delays) {
        this.snapshot = snapshot;
        this.delays = delays;
    }

    /** A state with no pending delays. */
    static MachineState of(Snapshot snapshot) {
        return new MachineState(snapshot, Map.of());
    }

    /**
     * The state in a stored JSON object, for {@code machine} (a missing {@code delays} object means none).
     *
     * @throws IllegalArgumentException if its {@code snapshot} is not one of {@code machine}'s
     */
    static MachineState read(Machine machine, JsonNode stored) {
        Snapshot snapshot = Snapshot.fromJson(machine, StoredMachine.snapshot(stored));
        JsonNode pending = stored.get(StoredMachine.DELAYS);
        if (pending == null || !pending.isObject() || pending.isEmpty()) {
            return of(snapshot);
        }
        Map<String, String> delays = new LinkedHashMap<>();
        pending.properties().forEach(delay -> delays.put(delay.getKey(), delay.getValue().asText()));
        return new MachineState(snapshot, Collections.unmodifiableMap(delays));
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** The pending delays, unmodifiable. */
    Map<String, String> delays() {
        return delays;
    }

    /** A modifiable copy of the pending delays, to change for the next state. */
    LinkedHashMap<String, String> delaysCopy() {
        return new LinkedHashMap<>(delays);
    }

    /**
     * This state with {@code next} as its snapshot and {@code nextDelays} as its pending delays (which
     * it keeps, unmodifiable); this one itself if neither differs.
     */
    MachineState with(Snapshot next, Map<String, String> nextDelays) {
        boolean sameDelays = nextDelays == delays || nextDelays.equals(delays);
        if (next == snapshot && sameDelays) {
            return this;
        }
        return new MachineState(next, sameDelays ? delays : Collections.unmodifiableMap(nextDelays));
    }

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
        generator.writeFieldName(SNAPSHOT);
        snapshot.serialize(generator, serializers);
        generator.writeFieldName(DELAYS);
        generator.writeStartObject();
        for (Map.Entry<String, String> delay : delays.entrySet()) {
            generator.writeStringField(delay.getKey(), delay.getValue());
        }
        generator.writeEndObject();
    }

    @Override
    public String toString() {
        return "MachineState[" + snapshot + ", delays " + delays + "]";
    }
}
