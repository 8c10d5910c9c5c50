package dev.troupe.bench.websocket;

import dev.troupe.bench.harness.BareJetty;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The WebSocket stack's ceiling: Jetty 12 with the WebSocket container set up as {@code TroupeServer}
 * sets it up, and one endpoint at {@code /ws}. A text frame starting with {@code B} (broadcast) is
 * answered with a constant result frame and then a constant event frame is sent to every open session;
 * any other frame is answered with a constant result frame. No JSON is parsed or written.
 */
final class BareWebSocketServer implements AutoCloseable {
    static final String RESULT = "{\"type\":\"result\",\"id\":1,\"output\":1}";
    static final String EVENT = "{\"type\":\"event\",\"name\":\"newCount\",\"args\":[1]}";

    private final Server server;
    private final ServerConnector connector;

    private BareWebSocketServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static BareWebSocketServer start() throws Exception {
        BareJetty jetty = BareJetty.create("bare-ws");
        Server server = jetty.server();
        ServerConnector connector = jetty.connector();
        connector.setAcceptQueueSize(4096);
        Set<Session> sessions = ConcurrentHashMap.newKeySet();
        WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping("/ws", (request, response, callback) -> new Endpoint(sessions));
        });
        server.setHandler(sockets);
        server.start();
        return new BareWebSocketServer(server, connector);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Public: Jetty binds the listener methods reflectively. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final Set<Session> sessions;
        private Session session;

        Endpoint(Set<Session> sessions) {
            this.sessions = sessions;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            sessions.add(opened);
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(RESULT, Callback.NOOP);
            if (message.startsWith("B")) {
                for (Session each : sessions) {
                    if (each != session) {
                        each.sendText(EVENT, Callback.NOOP);
                    }
                }
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // A client JVM that exits closes its sockets under pending writes; nothing to report.
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            sessions.remove(session);
            callback.succeed();
        }
    }
}
