package dev.troupe.wasm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns the project's WAT sources into WebAssembly modules when the tests run, with wat2wasm from the
 * npm package {@code wabt} (pinned below), installed under {@code target/wabt} on first use; no module
 * is checked in as a binary. Chicory publishes no wat2wasm artifact on Maven Central (see decision 0018).
 */
final class Wat {
    private static final String WABT = "wabt@1.0.39";
    private static final Path HOME = Path.of("target", "wabt");

    private Wat() {
    }

    /** The module compiled from {@code src/main/wat/<name>.wat} or {@code src/test/wat/<name>.wat}. */
    static synchronized byte[] module(String name) throws IOException, InterruptedException {
        Path source = Files.exists(Path.of("src", "main", "wat", name + ".wat"))
                ? Path.of("src", "main", "wat", name + ".wat") : Path.of("src", "test", "wat", name + ".wat");
        Path out = HOME.resolve(name + ".wasm");
        if (!Files.isDirectory(HOME.resolve("node_modules").resolve("wabt"))) {
            Files.createDirectories(HOME);
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(), WABT));
        }
        Path script = HOME.resolve("wat2wasm.mjs");
        Files.writeString(script, """
                import fs from 'node:fs';
                import wabt from 'wabt';
                const tools = await wabt();
                const parsed = tools.parseWat(process.argv[2], fs.readFileSync(process.argv[2], 'utf8'));
                parsed.resolveNames();
                parsed.validate();
                fs.writeFileSync(process.argv[3], Buffer.from(parsed.toBinary({}).buffer));
                """);
        run(List.of("node", script.toString(), source.toAbsolutePath().toString(), out.toAbsolutePath().toString()));
        return Files.readAllBytes(out);
    }

    /** The manifest {@code src/main/wat/<name>.json}. */
    static Manifest manifest(String name) throws IOException {
        return Manifest.parse(Files.readAllBytes(Path.of("src", "main", "wat", name + ".json")));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
