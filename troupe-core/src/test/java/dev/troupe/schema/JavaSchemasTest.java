package dev.troupe.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaSchemasTest {
    private static final JavaSchemas SCHEMAS = new JavaSchemas(Json.mapper());

    record Message(long seq, String text, Instant at) {
    }

    record Sparse(String always, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String sometimes) {
    }

    private static JavaType type(Class<?> raw) {
        return Json.mapper().constructType(raw);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "java.time.Instant, date-time",
            "java.time.OffsetDateTime, date-time",
            "java.time.ZonedDateTime, date-time",
            "java.time.LocalDate, date",
            "java.time.OffsetTime, time",
            "java.time.LocalDateTime, none",
            "java.time.Duration, none"})
    void dateAndTimeTypes_areStrings_withTheStandardFormatOfWhatJacksonWrites(Class<?> raw, @Nullable String format) {
        JsonNode schema = SCHEMAS.of(type(raw));

        assertThat(schema.get("type").asText()).isEqualTo("string");
        assertThat(schema.has("format") ? schema.get("format").asText() : null).isEqualTo(format);
    }

    @Test
    void standardFormats_fitWhatJacksonWrites() {
        for (Object value : new Object[] {Instant.parse("2024-05-06T07:08:09.123Z"), LocalDate.of(2024, 5, 6),
                OffsetTime.parse("07:08:09+02:00"), ZonedDateTime.parse("2024-05-06T07:08:09+02:00[Europe/Paris]")}) {
            JsonNode written = Json.mapper().valueToTree(value);
            SchemaCheck check = SchemaCheck.of(SCHEMAS.of(type(value.getClass())));

            assertThat(check.problem(written)).as("%s", written).isEmpty();
        }
        assertThat(SCHEMAS.of(type(LocalDateTime.class)).has("format")).isFalse();
        assertThat(SCHEMAS.of(type(Duration.class)).has("format")).isFalse();
    }

    @Test
    void anInput_hasOptionalProperties_anOutput_requiresEveryPropertyTheMapperAlwaysWrites() {
        assertThat(SCHEMAS.of(type(Message.class)).has("required")).isFalse();
        assertThat(SCHEMAS.ofOutput(type(Message.class)).get("required").toString())
                .isEqualTo("[\"seq\",\"text\",\"at\"]");
        assertThat(SCHEMAS.ofOutput(type(Sparse.class)).get("required").toString()).isEqualTo("[\"always\"]");
    }

    @Test
    void outputsNestedInCollections_requireTheirPropertiesToo() {
        JavaType list = Json.mapper().getTypeFactory().constructCollectionType(List.class, Message.class);

        assertThat(SCHEMAS.ofOutput(list).at("/items/required").size()).isEqualTo(3);
    }
}
