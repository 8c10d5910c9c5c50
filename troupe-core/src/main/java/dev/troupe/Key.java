package dev.troupe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An actor key: an ordered list of 0 to 8 string parts, each 1 to 128 UTF-8 bytes, 1 KiB in all.
 *
 * <p>The 1 KiB total follows from the other two limits (8 parts of at most 128 bytes), so it needs no
 * check of its own. Keys are compared part by part, so {@code Key.of("acme", "general")} and
 * {@code Key.of("acme,general")} are different actors; there is no escaping and no separator that a
 * part could smuggle in. Immutable and thread-safe.
 */
public final class Key {
    /** The most parts a key may have. */
    public static final int MAX_PARTS = 8;
    /** The most UTF-8 bytes one part may have. */
    public static final int MAX_PART_BYTES = 128;

    private static final Key EMPTY = new Key(new String[0]);

    private final String[] parts;
    private int hash;

    private Key(String[] parts) {
        this.parts = parts;
    }

    /**
     * A key of the given parts.
     *
     * @throws TroupeException {@code request/invalid_key} if the parts break the key rules; the
     *                         message names the rule and the offending part
     */
    public static Key of(String... parts) {
        if (parts == null) {
            throw invalid("key parts must not be null", Map.of());
        }
        if (parts.length == 0) {
            return EMPTY;
        }
        String[] copy = parts.clone();
        validate(copy);
        return new Key(copy);
    }

    /** A key of the given parts; see {@link #of(String...)}. */
    public static Key of(List<String> parts) {
        if (parts == null) {
            throw invalid("key parts must not be null", Map.of());
        }
        return of(parts.toArray(String[]::new));
    }

    /**
     * Parses the canonical form produced by {@link #toJson()}.
     *
     * @throws TroupeException {@code request/invalid_key} if the text is not a JSON array of strings
     *                         or breaks the key rules
     */
    public static Key fromJson(String json) {
        return KeyCodec.decode(json);
    }

    /** The empty key, for singleton actors. */
    public static Key empty() {
        return EMPTY;
    }

    private static void validate(String[] parts) {
        if (parts.length > MAX_PARTS) {
            throw invalid("a key has at most " + MAX_PARTS + " parts, got " + parts.length,
                    Map.of("parts", parts.length));
        }
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part == null) {
                throw invalid("key part " + i + " is null", Map.of("part", i));
            }
            if (part.isEmpty()) {
                throw invalid("key part " + i + " is empty", Map.of("part", i));
            }
            int bytes = part.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_PART_BYTES) {
                throw invalid("key part " + i + " is " + bytes + " UTF-8 bytes, the limit is " + MAX_PART_BYTES,
                        Map.of("part", i, "bytes", bytes));
            }
        }
    }

    private static TroupeException invalid(String message, Map<String, Object> metadata) {
        return new TroupeException(ErrorCode.INVALID_KEY, message, metadata);
    }

    /** The parts, in order, as an unmodifiable list. */
    public List<String> parts() {
        return List.of(parts);
    }

    /** The number of parts. */
    public int size() {
        return parts.length;
    }

    /** The part at {@code index}. */
    public String part(int index) {
        return parts[index];
    }

    /**
     * Whether this key begins with the parts of {@code prefix}, compared part by part: {@code
     * ["acme","general"]} begins with {@code ["acme"]} and with itself, not with {@code ["ac"]}. Every
     * key begins with the empty key.
     */
    public boolean startsWith(Key prefix) {
        return prefix.parts.length <= parts.length
                && Arrays.equals(parts, 0, prefix.parts.length, prefix.parts, 0, prefix.parts.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key other && Arrays.equals(parts, other.parts);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(parts);
            hash = h;
        }
        return h;
    }

    /**
     * The canonical form: the parts as a compact JSON array, for example {@code ["acme","general"]}.
     * Two keys are equal exactly when their canonical forms are, so stores index this text.
     */
    public String toJson() {
        return KeyCodec.encode(this);
    }

    /** The canonical form, see {@link #toJson()}. */
    @Override
    public String toString() {
        return toJson();
    }
}
