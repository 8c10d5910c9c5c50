package dev.troupe.wasm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns WebAssembly text (WAT) into a WebAssembly module with {@code wat2wasm} from the npm package
 * {@code wabt} (pinned below), which it installs under a directory of the caller's choosing on first use;
 * it needs {@code node} and {@code npm} on the path. Chicory publishes no wat2wasm artifact on Maven
 * Central (decision 0018), so this is how the project builds its example modules from source, for the
 * tests and the {@code wasm} benchmark alike, instead of checking binaries in. A build-time tool, not
 * part of serving an actor.
 *
 * <p>Thread-safe: compilations run one at a time.
 */
public final class Wat {
    private static final String WABT = "wabt@1.0.39";
    private static final String SCRIPT = """
            import fs from 'node:fs';
            import wabt from 'wabt';
            const tools = await wabt();
            const parsed = tools.parseWat(process.argv[2], fs.readFileSync(process.argv[2], 'utf8'));
            parsed.resolveNames();
            parsed.validate();
            fs.writeFileSync(process.argv[3], Buffer.from(parsed.toBinary({}).buffer));
            """;

    private Wat() {
    }

    /**
     * Compiles WAT files from the command line: {@code Wat OUT_DIR FILE.wat...} writes each module to
     * {@code OUT_DIR/<name>.wasm}, installing wabt under {@code OUT_DIR} on first use. The launcher
     * builds the demo's WebAssembly actors this way.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: Wat OUT_DIR FILE.wat...");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            compile(Path.of(args[i]), home);
        }
    }

    /**
     * The module compiled from the WAT file {@code source}, with wabt installed under {@code home} (and
     * the module written there as {@code <name>.wasm}).
     *
     * @throws IOException if npm or node cannot run or fails, the WAT does not parse or validate among them
     */
    public static synchronized byte[] compile(Path source, Path home) throws IOException, InterruptedException {
        String name = source.getFileName().toString().replaceFirst("\\.wat$", "");
        Path out = home.resolve(name + ".wasm");
        if (!Files.isDirectory(home.resolve("node_modules").resolve("wabt"))) {
            Files.createDirectories(home);
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", home.toString(), WABT));
        }
        Path script = home.resolve("wat2wasm.mjs");
        Files.writeString(script, SCRIPT);
        run(List.of("node", script.toString(), source.toAbsolutePath().toString(), out.toAbsolutePath().toString()));
        return Files.readAllBytes(out);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
