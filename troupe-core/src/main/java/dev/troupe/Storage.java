package dev.troupe;

import java.util.List;
import java.util.Optional;

/**
 * The actor's own key–value storage, beside its state: for data that does not belong in the one state
 * document (many independent records, large or rarely read values), as Durable Objects' storage API
 * and RivetKit's KV give. Values are JSON-serialisable objects or raw bytes.
 *
 * <p>Changes are part of the current turn: they commit atomically with its state, schedules and
 * messages, fenced with them, and are discarded if the turn throws. A turn reads its own changes and
 * those of the turns before it, durable or not yet (as it reads the state); read-only actions and views
 * read what the completed turns left and may not change anything. The whole storage of an actor is read
 * from the store on the first use in an activation and kept in memory while it is awake, so it suits up to
 * some tens of thousands of keys and a few megabytes; bigger blobs belong in the content store.
 *
 * <p>In a type with history, each read is a recorded effect ({@code storage.get}, {@code storage.keys}),
 * so replay returns what the turn read without the store; the changes are not part of the state hash.
 *
 * <p>Limits: keys are 1 to {@value #MAX_KEY_LENGTH} characters, values at most {@value #MAX_VALUE_BYTES}
 * bytes; beyond them a write throws {@link TroupeException} {@code request/invalid_args} or
 * {@code message/too_large} and changes nothing. Keys starting with {@code #} are the runtime's own (the
 * journals of {@link Workflows}): refused here ({@code request/invalid_args}) and not listed.
 */
public interface Storage {
    /** The longest key, in characters. */
    int MAX_KEY_LENGTH = 512;
    /** The largest value, in bytes (as JSON text, UTF-8, for objects). */
    int MAX_VALUE_BYTES = 1 << 20;

    /**
     * The value of {@code key} read as {@code type} from its JSON, if the key is set.
     *
     * @throws TroupeException {@code request/invalid_args} if the stored value is not JSON of that type
     */
    <T> Optional<T> get(String key, Class<T> type);

    /** The value of {@code key} as bytes (a JSON value's UTF-8 text), if the key is set. */
    Optional<byte[]> getBytes(String key);

    /** Sets {@code key} to {@code value} as JSON. */
    void put(String key, Object value);

    /** Sets {@code key} to {@code value} as bytes. */
    void putBytes(String key, byte[] value);

    /** Deletes {@code key}; returns whether it was set. */
    boolean delete(String key);

    /** The keys that start with {@code prefix} ({@code ""} for all), in order. */
    List<String> keys(String prefix);
}
