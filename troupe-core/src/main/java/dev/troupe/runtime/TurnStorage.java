package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.Storage;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import dev.troupe.store.StorageChange;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * One turn's view of the actor's storage: its own changes over the activation's copy (ActorStorage).
 * The changes become the turn's StorageChange list, which rides on the pending write into the commit
 * and is applied to the activation's copy when the turn completes; a turn that throws drops them with
 * everything else (Turn.discard).
 *
 * In a recorded turn (a type with history) every read that reaches the activation's copy is an effect:
 * "storage.get" with {"key","value"} (the value in base64, absent if the key was not set) and
 * "storage.keys" with {"prefix","keys"}; replay takes them from the entry and never loads the storage.
 * Reads of the turn's own changes are not recorded: replay makes the same changes first.
 */
final class TurnStorage implements Storage {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder UNBASE64 = Base64.getDecoder();
    /** The prefix of the keys the runtime keeps for itself, which the public methods refuse and hide. */
    private static final String RESERVED = "#";

    private final Supplier<ActorStorage> stored;
    private final @Nullable TurnEffects recorded;
    private final boolean readOnly;
    private final Map<String, byte @Nullable []> changes = new LinkedHashMap<>();

    /**
     * @param stored   the activation's copy, loaded on first use
     * @param recorded the turn's effects if reads are recorded (or replayed), else null
     * @param readOnly whether the turn may only read
     */
    TurnStorage(Supplier<ActorStorage> stored, @Nullable TurnEffects recorded, boolean readOnly) {
        this.stored = stored;
        this.recorded = recorded;
        this.readOnly = readOnly;
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return getBytes(key).map(bytes -> {
            try {
                return Json.mapper().readValue(bytes, type);
            } catch (java.io.IOException e) {
                throw new TroupeException(ErrorCode.INVALID_ARGS, "the stored value of '" + key + "' is not JSON of "
                        + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<byte[]> getBytes(String key) {
        checkKey(key);
        return Optional.ofNullable(readReserved(key));
    }

    /** The value of any key, the runtime's reserved ones ({@code #...}) included, or null. */
    byte @Nullable [] readReserved(String key) {
        if (changes.containsKey(key)) {
            byte[] changed = changes.get(key);
            return changed == null ? null : changed.clone();
        }
        byte[] value = read(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void put(String key, Object value) {
        Objects.requireNonNull(value, "value");
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "the value for '" + key + "' cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
        putBytes(key, json);
    }

    @Override
    public void putBytes(String key, byte[] value) {
        checkKey(key);
        writeReserved(key, value);
    }

    /** Sets any key, the runtime's reserved ones ({@code #...}) included. */
    void writeReserved(String key, byte[] value) {
        writable();
        Objects.requireNonNull(value, "value");
        if (value.length > MAX_VALUE_BYTES) {
            throw new TroupeException(ErrorCode.MESSAGE_TOO_LARGE, "the value for '" + key + "' has " + value.length
                    + " bytes, more than the limit of " + MAX_VALUE_BYTES, Map.of("limit", MAX_VALUE_BYTES));
        }
        changes.put(key, value.clone());
    }

    @Override
    public boolean delete(String key) {
        writable();
        boolean present = getBytes(key).isPresent();
        deleteReserved(key);
        return present;
    }

    /** Deletes any key, the runtime's reserved ones ({@code #...}) included. */
    void deleteReserved(String key) {
        writable();
        changes.put(key, null);
    }

    @Override
    public List<String> keys(String prefix) {
        return reservedKeys(prefix).stream().filter(key -> !key.startsWith(RESERVED)).toList();
    }

    /** The keys starting with {@code prefix}, the runtime's reserved ones ({@code #...}) included. */
    List<String> reservedKeys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        TreeSet<String> keys = new TreeSet<>(readKeys(prefix));
        changes.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                if (value == null) {
                    keys.remove(key);
                } else {
                    keys.add(key);
                }
            }
        });
        return List.copyOf(keys);
    }

    /** The changes so far, to restore if a workflow step's body fails ({@link #restore}). */
    Map<String, byte @Nullable []> snapshot() {
        return new LinkedHashMap<>(changes);
    }

    void restore(Map<String, byte @Nullable []> snapshot) {
        changes.clear();
        changes.putAll(snapshot);
    }

    /** The turn's changes, in the order they were made, each key once (its last change). */
    List<StorageChange> changes() {
        List<StorageChange> list = new ArrayList<>(changes.size());
        changes.forEach((key, value) -> list.add(new StorageChange(key, value)));
        return list;
    }

    private byte @Nullable [] read(String key) {
        if (recorded == null) {
            return stored.get().get(key);
        }
        JsonNode answer = recorded.record("storage.get", JsonNode.class, () -> {
            ObjectNode node = Json.mapper().createObjectNode().put("key", key);
            byte[] value = stored.get().get(key);
            if (value != null) {
                node.put("value", BASE64.encodeToString(value));
            }
            return node;
        });
        if (!key.equals(answer.path("key").asText())) {
            throw new ReplayedEffects.Divergence("the turn reads storage key '" + key + "' in replay but '"
                    + answer.path("key").asText() + "' was recorded");
        }
        return answer.has("value") ? UNBASE64.decode(answer.get("value").asText()) : null;
    }

    private List<String> readKeys(String prefix) {
        if (recorded == null) {
            return stored.get().keys(prefix);
        }
        JsonNode answer = recorded.record("storage.keys", JsonNode.class, () -> {
            ObjectNode node = Json.mapper().createObjectNode().put("prefix", prefix);
            ArrayNode keys = node.putArray("keys");
            stored.get().keys(prefix).forEach(keys::add);
            return node;
        });
        if (!prefix.equals(answer.path("prefix").asText())) {
            throw new ReplayedEffects.Divergence("the turn lists storage keys with prefix '" + prefix
                    + "' in replay but '" + answer.path("prefix").asText() + "' was recorded");
        }
        List<String> keys = new ArrayList<>();
        answer.path("keys").forEach(key -> keys.add(key.asText()));
        return keys;
    }

    private void writable() {
        if (readOnly) {
            throw new IllegalStateException("a @ReadOnly action must not change storage");
        }
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "a storage key must be 1 to " + MAX_KEY_LENGTH
                    + " characters, got " + key.length(), Map.of("limit", MAX_KEY_LENGTH));
        }
        if (key.startsWith(RESERVED)) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "storage keys starting with '" + RESERVED
                    + "' are the runtime's own (workflow journals, per-connection state): '" + key + "'");
        }
    }
}
