package dev.troupe.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.runtime.Json;
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
                Arguments.of("false", "1", "no value is allowed here"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void problem_saysWhatDoesNotFit(String schema, String value, String problem) throws IOException {
        assertThat(SchemaCheck.problem(json(schema), json(value)).orElse("")).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void describe_namesTheAcceptedType(String schema, String name) throws IOException {
        assertThat(SchemaCheck.describe(json(schema))).isEqualTo(name);
    }

    static Stream<Arguments> names() {
        return Stream.of(Arguments.of("{\"type\":\"integer\"}", "integer"),
                Arguments.of("{\"type\":[\"string\",\"null\"]}", "string or null"),
                Arguments.of("{}", "value"));
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }
}
