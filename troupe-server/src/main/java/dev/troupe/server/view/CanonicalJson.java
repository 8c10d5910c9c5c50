package dev.troupe.server.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.troupe.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The canonical JSON of a view and its checksum.
 *
 * <p>Canonical JSON is what Jackson writes, compact (no whitespace), with the properties of every
 * object sorted by name at every depth ({@code ORDER_MAP_ENTRIES_BY_KEYS},
 * {@code SORT_PROPERTIES_ALPHABETICALLY} and, for trees, {@code WRITE_PROPERTIES_SORTED}); numbers
 * as Jackson writes them ({@code 1} for integers, {@code 1.0} for doubles). The checksum is the
 * lower-case hex SHA-256 of its UTF-8 bytes. Thread-safe.
 */
public final class CanonicalJson {
    private static final ObjectMapper CANONICAL = ((JsonMapper) Json.mapper()).rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private CanonicalJson() {
    }

    /** The view as a JSON tree (null becomes JSON {@code null}). */
    public static JsonNode tree(@Nullable Object view) {
        if (view == null) {
            return NullNode.getInstance();
        }
        return view instanceof JsonNode node ? node : CANONICAL.valueToTree(view);
    }

    /** The canonical text of a tree. */
    public static String text(JsonNode tree) {
        try {
            return CANONICAL.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The lower-case hex SHA-256 of the tree's canonical text. */
    public static String checksum(JsonNode tree) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text(tree).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
