package dev.troupe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The wire fixtures in the repository's {@code fixtures/wire/} folder, shared by the tests of the
 * server, the Java client and the TypeScript client so that the three cannot drift: view checksum
 * vectors ({@code checksums.json}), close codes ({@code close-codes.json}), the error catalogue
 * ({@code errors.json}) and JSON Patch cases ({@code json-patch.json}). Tests run in a module's folder,
 * so the folder is found from there upwards.
 */
public final class WireFixtures {
    private WireFixtures() {
    }

    /** The parsed fixture file {@code name}, such as {@code close-codes.json}. */
    public static JsonNode read(String name) {
        Path file = path(name);
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the wire fixture " + file, e);
        }
    }

    /** The close code named {@code name} (the TypeScript client's {@code CloseCode} key) in {@code close-codes.json}. */
    public static int closeCode(String name) {
        for (JsonNode entry : read("close-codes.json").get("codes")) {
            if (entry.get("name").asText().equals(name)) {
                return entry.get("code").asInt();
            }
        }
        throw new IllegalArgumentException("no close code named " + name + " in close-codes.json");
    }

    /**
     * The view diffs of {@code json-patch.json} as test arguments: name, view before, view after, and
     * the patch the server sends between them.
     */
    public static Stream<Arguments> patchDiffs() {
        List<Arguments> cases = new ArrayList<>();
        read("json-patch.json").get("diff").forEach(c -> cases.add(
                Arguments.of(c.get("name").asText(), c.get("before"), c.get("after"), c.get("patch"))));
        return cases.stream();
    }

    /** The path of the file or folder {@code name} under {@code fixtures/wire/}. */
    public static Path path(String name) {
        return folder().resolve(name);
    }

    private static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path wire = dir.resolve("fixtures").resolve("wire");
            if (Files.isDirectory(wire)) {
                return wire;
            }
        }
        throw new IllegalStateException("no fixtures/wire folder above " + Path.of("").toAbsolutePath());
    }
}
