package dev.troupe.json;

import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.testing.WireFixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Canonical JSON is RFC 8785 (JCS), and matches what the TypeScript client computes with
 * {@code JSON.stringify} numbers and sorted keys. The expected number texts are ECMAScript's {@code String(x)} for each double.
 */
class CanonicalJsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Path RFC_8785 = WireFixtures.path("rfc8785");

    @ParameterizedTest
    @CsvSource({
        "1.0, 1",
        "-1.0, -1",
        "0.0, 0",
        "-0.0, 0",
        "100.0, 100",
        "0.1, 0.1",
        "123.456, 123.456",
        "1234567.0, 1234567",
        "1.0E20, 100000000000000000000",
        "1.0E21, 1e+21",
        "1.5E22, 1.5e+22",
        "0.000001, 0.000001",
        "0.000001234, 0.000001234",
        "1.0E-7, 1e-7",
        "1.5E-7, 1.5e-7",
        "4.9E-324, 5e-324",
        "1.7976931348623157E308, 1.7976931348623157e+308",
        "0.30000000000000004, 0.30000000000000004",
        "123456789012345680000, 123456789012345680000",
    })
    void doubles_areWrittenAsEcmaScriptWritesThem(double value, String expected) {
        assertThat(CanonicalJson.ecmaScriptNumber(value)).isEqualTo(expected);
        assertThat(CanonicalJson.text(NODES.numberNode(value))).isEqualTo(expected);
    }

    /** The view checksum vectors shared with the TypeScript client's tests. */
    static Stream<Arguments> sharedVectors() {
        JsonNode fixture = WireFixtures.read("checksums.json");
        List<Arguments> cases = new ArrayList<>();
        fixture.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c.get("value").asText(),
                c.get("wire").asText(), c.get("canonical").asText(), c.get("checksum").asText())));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedVectors")
    void sharedVectors_giveTheCanonicalTextAndChecksumTheTypeScriptClientComputes(String name, String value,
                                                                                 String wire, String canonical,
                                                                                 String checksum) throws IOException {
        JsonNode tree = CanonicalJson.tree(Json.mapper().readTree(value));

        assertThat(tree).as("what the client receives").isEqualTo(Json.mapper().readTree(wire));
        assertThat(CanonicalJson.text(tree)).isEqualTo(canonical);
        assertThat(CanonicalJson.checksum(tree)).isEqualTo(checksum);
    }

    /** The test vectors of RFC 8785's reference implementations (fixtures/wire/rfc8785/README.md). */
    static Stream<String> rfc8785Vectors() throws IOException {
        try (Stream<Path> inputs = Files.list(RFC_8785.resolve("input"))) {
            return inputs.map(path -> path.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8785Vectors")
    void rfc8785Vectors_canonicalizeToTheExpectedBytes(String name) throws IOException {
        JsonNode input = Json.mapper().readTree(RFC_8785.resolve("input").resolve(name).toFile());
        byte[] expected = Files.readAllBytes(RFC_8785.resolve("output").resolve(name));

        assertThat(CanonicalJson.text(CanonicalJson.tree(input)).getBytes(StandardCharsets.UTF_8))
                .asString(StandardCharsets.UTF_8).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    @Test
    void strings_areEscapedAsRfc8785Says_shortForms_otherControlCharactersInLowerCaseHex_nothingElse() {
        String text = "a\u0001b\u001fc\n\t\"\\/\u2028\u2029\u007f \u00e9 \uD83D\uDE00\b\f\r";

        assertThat(CanonicalJson.text(NODES.textNode(text)))
                .isEqualTo("\"a\\u0001b\\u001fc\\n\\t\\\"\\\\/\u2028\u2029\u007f \u00e9 \uD83D\uDE00\\b\\f\\r\"");
        assertThat(CanonicalJson.text(NODES.objectNode().put("\u001f", 1))).isEqualTo("{\"\\u001f\":1}");
    }

    @Test
    void unpairedSurrogates_becomeTheReplacementCharacter_andATreePassedInIsNotModified() throws IOException {
        // Jackson refuses an unpaired surrogate escape in a member name, so this tree is built by hand.
        ObjectNode original = NODES.objectNode();
        original.putArray("\uDC00").add("a\uD800").add("\uD83D\uDE00");

        JsonNode tree = CanonicalJson.tree(original);

        assertThat(CanonicalJson.text(tree)).isEqualTo("{\"\uFFFD\":[\"a\uFFFD\",\"\uD83D\uDE00\"]}");
        assertThat(original.properties().iterator().next().getKey()).isEqualTo("\uDC00");
        JsonNode wellFormed = Json.mapper().readTree("{\"a\":\"\\ud83d\\ude00\"}");
        assertThat(CanonicalJson.tree(wellFormed)).isSameAs(wellFormed);
    }

    @Test
    void checksum_encodesAnUnpairedSurrogateAsTextEncoderDoes() {
        assertThat(CanonicalJson.checksum(NODES.textNode("a\uD800")))
                .isEqualTo(CanonicalJson.checksum(NODES.textNode("a\uFFFD")));
    }

    @Test
    void nonFiniteNumbers_areNull_asJsonStringifyWritesThem() {
        assertThat(CanonicalJson.ecmaScriptNumber(Double.NaN)).isEqualTo("null");
        assertThat(CanonicalJson.ecmaScriptNumber(Double.POSITIVE_INFINITY)).isEqualTo("null");
    }

    @Test
    void everyNumberKind_isWrittenAsTheDoubleAJavaScriptClientReads() {
        assertThat(CanonicalJson.text(NODES.numberNode(42))).isEqualTo("42");
        assertThat(CanonicalJson.text(NODES.numberNode(9_007_199_254_740_993L))).isEqualTo("9007199254740992");
        assertThat(CanonicalJson.text(NODES.numberNode(0.1f))).isEqualTo("0.1");
        assertThat(CanonicalJson.text(NODES.numberNode(new BigDecimal("2.50")))).isEqualTo("2.5");
        assertThat(CanonicalJson.text(NODES.numberNode(new BigDecimal("1E+3")))).isEqualTo("1000");
        assertThat(CanonicalJson.text(NODES.numberNode(new BigInteger("10").pow(22)))).isEqualTo("1e+22");
    }

    @Test
    void objects_areSortedByUtf16CodeUnits_atEveryDepth_andCompact() {
        ObjectNode inner = NODES.objectNode().put("b", 2).put("a", 1.0);
        ObjectNode tree = NODES.objectNode();
        tree.put("\u00e9", "accent").put("Z", true).put("a", "x\"y\n").set("nested", inner);
        tree.putArray("list").add(3.0).addNull().add("s");

        assertThat(CanonicalJson.text(tree))
                .isEqualTo("{\"Z\":true,\"a\":\"x\\\"y\\n\",\"list\":[3,null,\"s\"],\"nested\":{\"a\":1,\"b\":2},"
                        + "\"\u00e9\":\"accent\"}");
    }

    @Test
    void viewsOfRecordsAndMaps_becomeTheSameTextWhateverTheirOrder() {
        record Price(double amount, String currency) {
        }
        JsonNode fromRecord = CanonicalJson.tree(new Price(3.0, "EUR"));
        JsonNode fromMap = CanonicalJson.tree(Map.of("currency", "EUR", "amount", 3));

        assertThat(CanonicalJson.text(fromRecord)).isEqualTo("{\"amount\":3,\"currency\":\"EUR\"}");
        assertThat(CanonicalJson.checksum(fromRecord)).isEqualTo(CanonicalJson.checksum(fromMap))
                .matches("[0-9a-f]{64}");
        assertThat(CanonicalJson.text(CanonicalJson.tree(null))).isEqualTo("null");
        assertThat(CanonicalJson.text(CanonicalJson.tree(List.of(1, "two")))).isEqualTo("[1,\"two\"]");
    }
}
