package dev.troupe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;

/**
 * The canonical text form of a key (a compact JSON array of strings), used by stores as the unique
 * column and in logs.
 */
final class KeyCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyCodec() {
    }

    static String encode(Key key) {
        try {
            return JSON.writeValueAsString(key.parts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    static Key decode(String text) {
        try {
            return Key.of(Arrays.asList(JSON.readValue(text, String[].class)));
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INVALID_KEY, "not a JSON array of strings: " + text);
        }
    }
}
