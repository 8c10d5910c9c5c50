package dev.troupe.bench.http;

import dev.troupe.bench.harness.BareJetty;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP stack's ceiling: Jetty 12 set up as {@code TroupeServer} sets it up (a virtual-thread
 * executor, one HTTP/1.1 connector on loopback), with one handler that reads the request body and
 * answers a constant {@code {"output":1}}.
 */
final class BareHttpServer implements AutoCloseable {
    private static final byte[] BODY = "{\"output\":1}".getBytes(StandardCharsets.UTF_8);

    private final Server server;
    private final ServerConnector connector;

    private BareHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static BareHttpServer start() throws Exception {
        BareJetty jetty = BareJetty.create("bare-http");
        Server server = jetty.server();
        ServerConnector connector = jetty.connector();
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Content.Source.asString(request, StandardCharsets.UTF_8);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(BODY), callback);
                return true;
            }
        });
        server.start();
        return new BareHttpServer(server, connector);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
