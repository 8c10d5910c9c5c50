package dev.troupe.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** A JWK set served over real HTTP on 127.0.0.1 (the JDK's HTTP server), as an identity provider serves it. */
final class KeySetServer implements AutoCloseable {
    private final HttpServer server;

    private KeySetServer(HttpServer server) {
        this.server = server;
    }

    /** Serves what {@code body} returns at each request for {@code /jwks.json}. */
    static KeySetServer serve(Supplier<String> body) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", exchange -> {
                byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return new KeySetServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the key set server", e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
