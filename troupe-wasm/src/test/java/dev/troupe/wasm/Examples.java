package dev.troupe.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's WAT examples ({@code src/main/wat}) and test modules ({@code src/test/wat}) as modules,
 * compiled by {@link Wat} with wabt under {@code target/wabt}; no module is checked in as a binary.
 */
final class Examples {
    private static final Path WABT_HOME = Path.of("target", "wabt");

    private Examples() {
    }

    /** The module compiled from {@code src/main/wat/<name>.wat} or {@code src/test/wat/<name>.wat}. */
    static byte[] module(String name) throws IOException, InterruptedException {
        Path main = Path.of("src", "main", "wat", name + ".wat");
        return Wat.compile(Files.exists(main) ? main : Path.of("src", "test", "wat", name + ".wat"), WABT_HOME);
    }

    /** The manifest {@code src/main/wat/<name>.json}. */
    static Manifest manifest(String name) throws IOException {
        return Manifest.parse(Files.readAllBytes(Path.of("src", "main", "wat", name + ".json")));
    }
}
