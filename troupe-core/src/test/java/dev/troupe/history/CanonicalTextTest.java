package dev.troupe.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shortcut of the state hash: a text it calls canonical is exactly what canonicalising it gives. */
class CanonicalTextTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "0", "-7", "123456789012345", "\"\"", "\"é ✓ /\"", "true", "false", "null",
            "{\"count\":5}", "{\"a\":1,\"b\":[1,\"x\",{\"c\":null}],\"bb\":true}", "{\"B\":1,\"a\":2}",
            "[[],{},[[]]]", "{\"a\":{\"a\":{\"a\":0}}}"})
    void recognisesCanonicalTexts(String json) throws Exception {
        assertThat(CanonicalText.isCanonical(json)).isTrue();
        assertThat(CanonicalJson.text(Json.mapper().readTree(json))).isEqualTo(json);
        assertThat(ChainCheck.stateHash(json)).isEqualTo(ChainCheck.sha256(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "{\"ab\":1,\"a\":2}", "{ \"a\":1}", "[1, 2]",
            "1.0", "1.5", "1e3", "-0", "1234567890123456", "9007199254740993", "\"a\\nb\"", "\"\\u00e9\"",
            "\"\uD800\"", "{\"a\":1", "[1,]", "{\"a\":1,}", "tru", "\"open", "{\"a\"1}", "01", "", "[1]x"})
    void refusesEverythingElse(String json) {
        assertThat(CanonicalText.isCanonical(json)).isFalse();
    }

    @Test
    void refusesNestingDeeperThanItScans() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThat(CanonicalText.isCanonical(deep)).isFalse();
        assertThat(ChainCheck.stateHash(deep)).isEqualTo(ChainCheck.sha256(deep));
    }

    @Test
    void agreesWithCanonicalisingOnRandomValues() throws Exception {
        Random random = new Random(15);
        int recognised = 0;
        for (int i = 0; i < 5_000; i++) {
            String json = Json.mapper().writeValueAsString(value(random, 0));
            String canonical = CanonicalJson.text(Json.mapper().readTree(json));
            if (CanonicalText.isCanonical(json)) {
                recognised++;
                assertThat(json).isEqualTo(canonical);
            }
            assertThat(ChainCheck.stateHash(json)).isEqualTo(ChainCheck.sha256(canonical));
        }
        assertThat(recognised).isBetween(100, 4_900);
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.numberNode(random.nextInt(2_000) - 1_000);
            case 1 -> NODES.numberNode(random.nextBoolean() ? random.nextLong() : random.nextInt(100) / 4.0);
            case 2 -> NODES.textNode(word(random));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int n = random.nextInt(4); n > 0; n--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int n = random.nextInt(4); n > 0; n--) {
                    object.set(word(random), value(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String word(Random random) {
        String alphabet = "abAB_é\n\"\\✓";
        StringBuilder word = new StringBuilder();
        for (int n = random.nextInt(3); n >= 0; n--) {
            word.append(alphabet.charAt(random.nextInt(random.nextInt(10) < 8 ? 5 : alphabet.length())));
        }
        return word.toString();
    }
}
