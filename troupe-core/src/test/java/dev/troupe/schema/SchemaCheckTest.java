package dev.troupe.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{}", "{\"any\":[1]}", ""),
                Arguments.of("{\"type\":\"integer\"}", "3", ""),
                Arguments.of("{\"type\":\"integer\"}", "3.0", ""),
                Arguments.of("{\"type\":\"integer\"}", "3.5", "expected an integer, got a number"),
                Arguments.of("{\"type\":\"integer\",\"format\":\"int32\"}", "2147483648",
                        "expected an integer in the int32 range, got 2147483648"),
                Arguments.of("{\"type\":[\"string\",\"null\"]}", "null", ""),
                Arguments.of("{\"type\":[\"string\",\"null\"]}", "true", "expected a string or null, got a boolean"),
                Arguments.of("{\"type\":\"string\",\"enum\":[\"A\",\"B\"]}", "\"C\"", "expected one of [\"A\",\"B\"], got \"C\""),
                Arguments.of("{\"const\":1}", "2", "expected 1, got 2"),
                Arguments.of("{\"type\":\"number\",\"minimum\":0}", "-1", "expected at least 0, got -1"),
                Arguments.of("{\"type\":\"string\",\"minLength\":2}", "\"é\"", "expected at least 2 characters, got 1"),
                Arguments.of("{\"type\":\"array\",\"items\":{\"type\":\"boolean\"}}", "[true,1]",
                        "at /1: expected a boolean, got an integer"),
                Arguments.of("{\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"}],\"maxItems\":1}", "[\"a\",2]",
                        "expected at most 1 items, got 2"),
                Arguments.of("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}", "{\"a/b\":\"x\"}",
                        "at /a~1b: expected an integer, got a string"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"p\":{\"type\":\"object\",\"required\":[\"q\"]}}}",
                        "{\"p\":{}}", "at /p: missing the required field 'q'"),
                Arguments.of("false", "1", "no value is allowed here"),
                Arguments.of("{\"type\":\"object\",\"required\":[\"a\"],\"additionalProperties\":false}", "{\"b\":1}",
                        "missing the required field 'a'"),
                Arguments.of("{\"type\":\"object\",\"additionalProperties\":false}", "{\"b\":1}", "unknown field 'b'"),
                Arguments.of("{\"type\":\"integer\",\"exclusiveMaximum\":5}", "5", "expected less than 5, got 5"),
                Arguments.of("{\"type\":\"integer\",\"multipleOf\":5}", "7", "expected a multiple of 5, got 7"),
                Arguments.of("{\"type\":\"string\",\"pattern\":\"^[a-z]+$\"}", "\"B\"", "expected text matching \"^[a-z]+$\", got \"B\""),
                Arguments.of("{\"type\":\"string\",\"format\":\"date-time\"}", "\"soon\"",
                        "expected a string in the date-time format, got \"soon\""),
                Arguments.of("{\"type\":\"string\",\"format\":\"Instant\"}", "\"soon\"", ""),
                Arguments.of("{\"type\":\"array\",\"uniqueItems\":true}", "[1,1]", "expected no repeated items"),
                Arguments.of("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"integer\",\"format\":\"int32\"}",
                        "-2147483649", "expected an integer in the int32 range, got -2147483649"),
                Arguments.of("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"integer\"}", "\"1\"",
                        "expected an integer, got a string"),
                Arguments.of("{\"not\":{\"type\":\"string\"}}", "\"x\"", "expected a value that does not fit {\"type\":\"string\"}"),
                Arguments.of("{\"$defs\":{\"stars\":{\"type\":\"integer\",\"maximum\":5}},"
                        + "\"type\":\"object\",\"properties\":{\"s\":{\"$ref\":\"#/$defs/stars\"}}}", "{\"s\":6}",
                        "at /s: expected at most 5, got 6"),
                Arguments.of("{\"allOf\":[{\"minimum\":1},{\"maximum\":3}]}", "4", "expected at most 3, got 4"),
                Arguments.of("{\"if\":{\"type\":\"string\"},\"then\":{\"minLength\":2}}", "\"a\"",
                        "expected at least 2 characters, got 1"),
                Arguments.of("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", "1", "expected a string or null, got an integer"),
                Arguments.of("{\"type\":\"array\",\"items\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}",
                        "[\"a\",true]", "at /1: expected a string or an integer, got a boolean"),
                Arguments.of("{\"oneOf\":[{\"type\":\"integer\"},{\"minimum\":0}]}", "1",
                        "fits 2 of the alternatives, expected exactly one"),
                Arguments.of("{\"oneOf\":[{\"type\":\"object\",\"required\":[\"kind\"],\"properties\":{\"kind\":{\"const\":\"a\"}}},"
                        + "{\"type\":\"string\"}]}", "{\"kind\":\"b\"}",
                        "fits none of the alternatives: at /kind: expected \"a\", got \"b\"; or expected a string, got an object"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"p\":{\"anyOf\":[{\"type\":\"object\","
                        + "\"properties\":{\"q\":{\"type\":\"string\"}}},{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"integer\"}}}]}}}",
                        "{\"p\":{\"q\":true}}", "at /p/q: expected a string or an integer, got a boolean"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void problem_saysWhatDoesNotFit(String schema, String value, String problem) throws IOException {
        assertThat(SchemaCheck.of(json(schema)).problem(json(value)).orElse("")).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void of_refusesASchemaItCannotUse(String schema) throws IOException {
        JsonNode node = json(schema);
        assertThatThrownBy(() -> SchemaCheck.of(node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a usable JSON Schema: ");
    }

    static Stream<Arguments> unusable() {
        return Stream.of(Arguments.of("{\"$ref\":\"#/$defs/missing\"}"),
                Arguments.of("{\"$ref\":\"https://schemas.example/remote.json\"}"),
                Arguments.of("{\"$schema\":\"https://schemas.example/own-dialect\"}"),
                Arguments.of("{\"type\":\"string\",\"pattern\":\"[\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void describe_namesTheAcceptedType(String schema, String name) throws IOException {
        assertThat(SchemaCheck.describe(json(schema))).isEqualTo(name);
    }

    static Stream<Arguments> names() {
        return Stream.of(Arguments.of("{\"type\":\"integer\"}", "integer"),
                Arguments.of("{\"type\":[\"string\",\"null\"]}", "string or null"),
                Arguments.of("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", "string or null"),
                Arguments.of("{\"oneOf\":[{\"type\":\"string\"},{\"const\":1}]}", "value"),
                Arguments.of("{}", "value"));
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }
}
