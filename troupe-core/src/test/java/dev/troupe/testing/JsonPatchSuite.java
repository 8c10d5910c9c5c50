package dev.troupe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cases of the json-patch-tests suite (RFC 6902) in {@code fixtures/json-patch-tests}, shared by
 * the Java client's applier test and the server's diff test; the TypeScript client reads the same
 * files. Disabled records and records with only a comment are left out.
 */
public final class JsonPatchSuite {
    private static final Path DIRECTORY = Path.of("..", "fixtures", "json-patch-tests");
    private static final List<String> FILES = List.of("tests.json", "spec_tests.json");

    private JsonPatchSuite() {
    }

    /**
     * One record: {@code expected} is the patched document, or null when the patch must be refused
     * ({@code error}) or the record gives no result.
     */
    public record Case(String name, JsonNode doc, JsonNode patch, @Nullable JsonNode expected, @Nullable String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every enabled case of both files, in file order. */
    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String file : FILES) {
            JsonNode records;
            try {
                records = Json.mapper().readTree(DIRECTORY.resolve(file).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the json-patch-tests file " + file, e);
            }
            int index = 0;
            for (JsonNode record : records) {
                index++;
                if (!record.has("doc") || record.path("disabled").asBoolean()) {
                    continue;
                }
                String comment = record.path("comment").asText(record.path("error").asText(""));
                cases.add(new Case(file + " #" + index + " " + comment, record.get("doc"), record.get("patch"),
                        record.get("expected"), record.has("error") ? record.get("error").asText() : null));
            }
        }
        return cases;
    }
}
