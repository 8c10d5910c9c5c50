package dev.troupe.demo;

import dev.troupe.Troupe;
import dev.troupe.demo.chat.ChatSetup;
import dev.troupe.rivetkit.RivetKit;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.StoreLocation;
import dev.troupe.wasm.WasmDefinition;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./troupe demo}: serves the demo actors (counter, chat-room, todo-list) and the demo web app over
 * HTTP, WebSocket and SSE, on the embedded SQLite store by default, with a demo-only sign-in
 * ({@link DemoSignIn}). Stops gracefully on SIGTERM or Ctrl-C.
 */
@Command(name = "troupe demo", mixinStandardHelpOptions = true, versionProvider = BuiltVersion.class,
        description = "Serves the demo actors (counter, chat-room, todo-list, greeter, the WebAssembly counter) and the demo web app.")
public final class DemoMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMain.class);
    /** The WebAssembly type the chat offers as a child when the demo serves it. */
    static final String WORD_COUNT = "wasm-word-count";

    @Option(names = "--port", defaultValue = "${env:TROUPE_PORT:-7420}",
            description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}, env TROUPE_PORT).")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = {"--store", "--data"}, defaultValue = "${env:TROUPE_STORE:-troupe-data}",
            description = "A directory for the embedded SQLite store, or a postgresql://user:password@host:port/db"
                    + " URI (default: ${DEFAULT-VALUE}, env TROUPE_STORE).")
    private String store;

    @Option(names = "--web", defaultValue = "${env:TROUPE_WEB:-clients/typescript/demo/dist}",
            description = "Directory of the demo web app to serve at / (default: ${DEFAULT-VALUE}, env TROUPE_WEB).")
    private Path web;

    @Option(names = "--wasm", defaultValue = "${env:TROUPE_WASM:-troupe-demo/target/wasm}",
            description = "Directory of WebAssembly actors, manifest <name>.json beside module <name>.wasm, served"
                    + " with the Java ones (default: ${DEFAULT-VALUE}, env TROUPE_WASM).")
    private Path wasm;

    @Option(names = "--chat-model", defaultValue = "${env:TROUPE_CHAT_MODEL}",
            description = "The model the chat application asks (default: " + DemoChat.DEFAULT_MODEL
                    + " with ANTHROPIC_API_KEY; env TROUPE_CHAT_MODEL).")
    private String chatModel;

    @Option(names = "--call-timeout-ms", defaultValue = "60000",
            description = "How long a call, or a channel's open, may wait, in ms (default: ${DEFAULT-VALUE}).")
    private long callTimeoutMs;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "An origin (such as http://localhost:5173) whose pages may call the demo and open its"
                    + " WebSockets; repeatable (default: the demo's own origin only).")
    private List<String> corsOrigins = List.of();

    /** Runs the demo until the process is stopped. */
    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** The command line, with start-up failures a user can fix reported as one line. */
    static CommandLine commandLine() {
        return new CommandLine(new DemoMain()).setExecutionExceptionHandler(new StartupFailure());
    }

    @Override
    public Integer call() throws InterruptedException {
        RunningDemo demo = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "troupe-demo-shutdown"));
        String base = demo.server().uri().toString();
        System.out.println("Troupe demo serving at " + base + "/");
        System.out.println("  store:   " + StoreLocation.describe(store));
        System.out.println("  try:     curl -s -X POST '" + base + "/v1/actors/counter/actions/increment?key=demo&key=visits'"
                + " -H 'content-type: application/json' -d '{\"args\":[1]}'");
        System.out.println("  events:  curl -N '" + base + "/v1/actors/counter/events?key=demo&key=visits'");
        System.out.println("  API:     " + base + "/v1/openapi.json");
        System.out.println("  chat:    " + base + "/#chat, assistant: " + DemoChat.describe(ChatSetup.current()));
        System.out.println("  sign-in: POST " + base + "/demo-sign-in (demo only: tokens signed with a public secret)");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Opens the store and starts serving, as the command does before it waits; {@link DemoTraining}
     * runs the same start.
     */
    RunningDemo start() {
        List<WasmDefinition> modules = DemoWasm.definitions(wasm);
        ChatSetup.use(DemoChat.settings(System.getenv(), chatModel,
                modules.stream().anyMatch(module -> module.typeName().equals(WORD_COUNT))));
        Troupe troupe = DemoWasm.register(DemoActors.register(Troupe.builder().store(StoreLocation.open(store))
                .callTimeout(Duration.ofMillis(callTimeoutMs))), modules).build();
        // RivetKit's client (createClient(url), default options) works against the demo too; its HTTP
        // actions run the connect hooks first, as RivetKit's do.
        // So does Actor Kit's (createActorFetch, createActorKitClient) at /api/{type}/{id}.
        ServerConfig config = DemoActorKit.adapter().mountOn(
                        RivetKit.defaults().preflightConnect(true).mountOn(ServerConfig.port(port).host(host)))
                // Demo only: tokens from POST /demo-sign-in, signed with a public secret, give each
                // browser an identity of its own (the todo page needs an owner); anonymous use stays open.
                .jwtSecret(DemoSignIn.SECRET)
                .mount(new DemoSignIn());
        if (!corsOrigins.isEmpty()) {
            config = config.corsOrigins(corsOrigins.toArray(String[]::new));
        }
        if (Files.isRegularFile(web.resolve("index.html"))) {
            config = config.staticFiles(web);
        } else {
            LOG.warn("no web app in {} (build it with clients/typescript/build-demo.sh); serving the API only", web);
        }
        try {
            return new RunningDemo(troupe, TroupeServer.start(troupe, config));
        } catch (RuntimeException e) {
            troupe.close();
            throw e;
        }
    }

    /** The directory of the web app this demo serves, when it holds one. */
    Path web() {
        return web;
    }

    /** The demo's runtime and its server, closed in that order's reverse. */
    record RunningDemo(Troupe troupe, TroupeServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            troupe.close();
        }
    }
}
