package dev.troupe.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run of the demo's AOT cache (JEP 514/515; decision 0017): the {@code troupe} launcher
 * runs this class once per build with {@code -XX:AOTCacheOutput}, and every {@code ./troupe demo}
 * after it starts from the classes, linkage and method profiles it recorded.
 *
 * <p>It starts the demo exactly as {@link DemoMain} does (same options, same start), on a free port and
 * a store of its own, answers the first calls a user makes (an action, a read, the OpenAPI document,
 * the demo sign-in, the web app if it is built) over HTTP on 127.0.0.1, and stops. It does so twice on
 * the same store, so that both a start on fresh data (the schema is created) and one on existing data
 * (the schema is checked) are recorded. The store is deleted afterwards. Exits with 1 and a one-line
 * reason if an answer is not 2xx, so the launcher starts without a cache rather than with a bad one.
 */
public final class DemoTraining {
    private static final String[][] CALLS = {
        {"POST", "/v1/actors/counter/actions/increment?key=demo&key=training", "{\"args\":[1]}"},
        {"POST", "/v1/actors/counter/actions/increment?key=demo&key=training", "{\"args\":[1]}"},
        {"POST", "/v1/actors/counter/actions/count?key=demo&key=training", "{\"args\":[]}"},
        {"GET", "/v1/openapi.json", null},
        {"POST", "/demo-sign-in", "{}"},
    };

    private DemoTraining() {
    }

    /** Runs the training and exits: 0 when every call was answered with 2xx, 1 otherwise. */
    public static void main(String[] args) throws IOException {
        Path store = Files.createTempDirectory("troupe-demo-training");
        try {
            run(store, args);
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("troupe demo training: " + e.getMessage());
            System.exit(1);
        } finally {
            try (Stream<Path> paths = Files.walk(store)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * Runs both starts and their calls on {@code store}, an empty directory.
     *
     * @throws IllegalStateException if an answer was not 2xx
     * @throws UncheckedIOException if a call could not be made
     */
    static void run(Path store, String[] args) {
        for (String phase : new String[] {"fresh", "existing"}) {
            train(phase, store, args);
        }
    }

    /** One start on {@code store}, the first calls, and a stop; {@code args} are more demo options. */
    private static void train(String phase, Path store, String[] args) {
        CommandLine command = DemoMain.commandLine();
        String[] options = Stream.concat(Stream.of("--port", "0", "--host", "127.0.0.1", "--store", store.toString()),
                Stream.of(args)).toArray(String[]::new);
        command.parseArgs(options);
        DemoMain demo = command.getCommand();
        try (DemoMain.RunningDemo running = demo.start()) {
            URI base = running.server().uri();
            for (String[] call : CALLS) {
                expectSuccess(phase, base, call[0], call[1], call[2]);
            }
            if (Files.isRegularFile(demo.web().resolve("index.html"))) {
                expectSuccess(phase, base, "GET", "/", null);
            }
        }
    }

    private static void expectSuccess(String phase, URI base, String method, String path, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                + "\r\n";
        String status;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            status = answer.lines().findFirst().orElse("no answer");
        } catch (IOException e) {
            throw new UncheckedIOException(phase + " start: " + method + " " + path + " failed: " + e.getMessage(), e);
        }
        if (!status.matches("HTTP/1\\.1 2\\d\\d.*")) {
            throw new IllegalStateException(phase + " start: " + method + " " + path + " answered " + status);
        }
    }
}
