package dev.troupe.demo;

import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.wasm.Manifest;
import dev.troupe.wasm.WasmDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's WebAssembly actors: every manifest {@code <name>.json} in a directory with its module
 * {@code <name>.wasm} beside it (the launcher compiles troupe-wasm's WAT examples there, the WebAssembly
 * counter among them), registered like the Java demo types: open to clients, with a turn history.
 */
final class DemoWasm {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWasm.class);

    private DemoWasm() {
    }

    /** Registers {@code definitions} (read with {@link #definitions}). */
    static Troupe.Builder register(Troupe.Builder builder, List<WasmDefinition> definitions) {
        for (WasmDefinition definition : definitions) {
            builder.register(definition, type -> type.allow(CallerType.CLIENT).history());
        }
        return builder;
    }

    /** The definitions of the manifest and module pairs in {@code directory}; none, with a note in the log, if it does not exist. */
    static List<WasmDefinition> definitions(Path directory) {
        if (!Files.isDirectory(directory)) {
            LOG.info("no WebAssembly modules in {} (the launcher builds them with Node.js); serving the Java actors only",
                    directory);
            return List.of();
        }
        List<WasmDefinition> definitions = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path manifest : files.filter(file -> file.toString().endsWith(".json")).sorted().toList()) {
                Path module = manifest.resolveSibling(manifest.getFileName().toString().replaceFirst("\\.json$", ".wasm"));
                if (Files.isRegularFile(module)) {
                    definitions.add(WasmDefinition.builder(Manifest.parse(Files.readAllBytes(manifest)))
                            .module(Files.readAllBytes(module)).build());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the WebAssembly modules in " + directory + " failed", e);
        }
        return definitions;
    }
}
