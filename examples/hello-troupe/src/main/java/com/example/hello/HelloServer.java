package com.example.hello;

import dev.troupe.Troupe;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.sqlite.SqliteStore;
import java.net.URI;
import java.nio.file.Path;

/** Serves the guestbook over HTTP, WebSocket and SSE, keeping its state in SQLite. */
public final class HelloServer implements AutoCloseable {
    private final Troupe troupe;
    private final TroupeServer server;

    private HelloServer(Troupe troupe, TroupeServer server) {
        this.troupe = troupe;
        this.server = server;
    }

    /** Starts serving on {@code port} of 127.0.0.1 (0: any free port), with the store in {@code dataDirectory}. */
    public static HelloServer start(Path dataDirectory, int port) {
        Troupe troupe = Troupe.builder()
                .store(SqliteStore.open(dataDirectory))
                .register(GuestbookActor.class, GuestbookActor::access)
                .build();
        try {
            return new HelloServer(troupe, TroupeServer.start(troupe, ServerConfig.port(port)));
        } catch (RuntimeException e) {
            troupe.close();
            throw e;
        }
    }

    /** Where it listens, such as {@code http://127.0.0.1:8080}. */
    public URI uri() {
        return server.uri();
    }

    /** Stops serving, then closes the runtime and its store. */
    @Override
    public void close() {
        server.close();
        troupe.close();
    }

    /** Serves until the process is stopped: {@code java ... com.example.hello.HelloServer [port]}. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HelloServer hello = start(Path.of("hello-data"), port);
        Runtime.getRuntime().addShutdownHook(new Thread(hello::close));
        System.out.println("Guestbook serving at " + hello.uri());
    }
}
