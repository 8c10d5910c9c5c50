package dev.troupe.server;

import dev.troupe.Troupe;
import dev.troupe.server.auth.Authenticator;
import dev.troupe.server.auth.SigningKeys;
import dev.troupe.server.http.Cors;
import dev.troupe.server.http.JsonErrorHandler;
import dev.troupe.server.http.StaticFiles;
import dev.troupe.server.metrics.GatewayMetrics;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.protocol.GatewayHandler;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.stream.InFlight;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.v1.ProtocolV1;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Troupe}'s actors over wire protocol v1: HTTP actions and lifecycle, views,
 * server-sent events and WebSocket connections, with bearer-token auth, an OpenAPI document, a health
 * check and Prometheus metrics (see {@code docs/protocol.md}); and over every further protocol that
 * {@link ServerConfig#mount} adds beside v1.
 *
 * {@snippet :
 * try (Troupe troupe = Troupe.builder().store(store).register(CounterActor.class, t -> t.allow(CallerType.CLIENT)).build();
 *      TroupeServer server = TroupeServer.start(troupe, ServerConfig.port(7420))) {
 *     // POST http://127.0.0.1:7420/v1/actors/counter/actions/increment?key=a  {"args":[1]}
 * }
 * }
 *
 * <p>Requests run on virtual threads; an action answers once its turn is durable. The server does not
 * own the {@code Troupe}: closing the server leaves the runtime running. Thread-safe.
 */
public final class TroupeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TroupeServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final Gateway gateway;
    private final TokenIssuer tokenIssuer;

    private TroupeServer(Server server, ServerConnector connector, Gateway gateway, TokenIssuer tokenIssuer) {
        this.server = server;
        this.connector = connector;
        this.gateway = gateway;
        this.tokenIssuer = tokenIssuer;
    }

    /**
     * Starts serving {@code troupe} as configured; returns once the port is bound.
     *
     * @throws IllegalStateException if the server cannot start (the port is taken, say), with a
     *     one-line message that says why
     */
    public static TroupeServer start(Troupe troupe, ServerConfig config) {
        return launch(troupe, config, null);
    }

    /**
     * Starts serving {@code troupe} as {@link #start(Troupe, ServerConfig)} does, and also publishes the
     * server's meters (those {@code GET /metrics} shows) into {@code registry}, an application's own
     * Micrometer registry (Spring Boot's, say), until the server closes.
     *
     * @throws IllegalStateException if the server cannot start (the port is taken, say), with a
     *     one-line message that says why
     */
    public static TroupeServer start(Troupe troupe, ServerConfig config, MeterRegistry registry) {
        return launch(troupe, config, Objects.requireNonNull(registry, "registry"));
    }

    private static TroupeServer launch(Troupe troupe, ServerConfig config, @Nullable MeterRegistry registry) {
        byte[] secret = config.jwtSecret();
        if (secret == null) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("troupe-http");
        threads.setVirtualThreadsExecutor(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("troupe-request-", 0).factory()));
        Server server = new Server(threads);
        server.setStopTimeout(250);
        server.setErrorHandler(new JsonErrorHandler());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);

        StreamRegistry streams = new StreamRegistry(config.maxConnectionsPerActor());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("troupe-server-ticker").daemon(true).factory());
        WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(config.maxFrameBytes());
            container.setMaxBinaryMessageSize(config.maxFrameBytes());
            container.setIdleTimeout(Duration.ofMinutes(10));
        });
        Authenticator authenticator = new Authenticator(SigningKeys.of(secret, config.jwtPublicKeys()),
                config.tokenRules(), Clock.systemUTC());
        Gateway gateway = new Gateway(troupe, config, authenticator, new GatewayMetrics(troupe, streams, server, registry), streams,
                new InFlight(), ticker,
                sockets.getServerWebSocketContainer(), new AtomicBoolean());
        List<Protocol> protocols = new ArrayList<>();
        protocols.add(new ProtocolV1());
        protocols.addAll(config.protocols());
        GatewayHandler handler = new GatewayHandler(gateway, protocols);
        sockets.setHandler(handler);
        Path web = config.staticFiles();
        server.setHandler(Cors.handler(config.cors(),
                web == null ? sockets : new Handler.Sequence(new StaticFiles(server, web, handler::serves), sockets)));
        try {
            server.start();
        } catch (Exception e) {
            ticker.shutdownNow();
            try {
                server.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw new IllegalStateException(startFailure(config, e), e);
        }
        TroupeServer started = new TroupeServer(server, connector, gateway,
                TokenIssuer.hs256(secret).forRules(config.tokenRules()));
        LOG.info("Troupe server listening on {}", started.uri());
        return started;
    }

    /** One line that says why the server did not start and, for a taken port, what to do. */
    private static String startFailure(ServerConfig config, Exception failure) {
        String address = config.host() + ":" + config.port();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return "Address already in use".equals(bind.getMessage())
                        ? "cannot start the Troupe server: " + address + " is already in use; stop the process"
                                + " listening there or choose another port (port 0 picks a free one)"
                        : "cannot start the Troupe server on " + address + ": " + bind.getMessage();
            }
        }
        return "cannot start the Troupe server on " + address + ": " + failure;
    }

    /** The bound port (the actual one when configured with 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The server's base URI, such as {@code http://127.0.0.1:7420}. */
    public URI uri() {
        String host = gateway.config().host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /**
     * An issuer of tokens this server accepts: signed with its configured or drawn secret, naming the
     * configured issuer ({@link ServerConfig#jwtIssuer}) and audience ({@link ServerConfig#jwtAudience}).
     */
    public TokenIssuer tokenIssuer() {
        return tokenIssuer;
    }

    /**
     * Whether the server accepts connections and calls: true from {@link #start} until {@link #close()}
     * begins. For readiness checks.
     */
    public boolean isAccepting() {
        return !gateway.closing().get();
    }

    /**
     * Stops gracefully: stops accepting connections and new calls ({@code 503 actor/unavailable}),
     * waits up to the stop timeout for calls in flight to answer, closes WebSockets with {@code 1001}
     * and ends SSE streams (their actors see {@code onDisconnect}), then stops. The {@code Troupe} keeps
     * running. Idempotent; blocks until stopped.
     */
    @Override
    public void close() {
        if (!gateway.closing().compareAndSet(false, true)) {
            return;
        }
        int port = port();
        Duration timeout = gateway.config().stopTimeout();
        try {
            connector.setAccepting(false);
            if (!gateway.inFlight().awaitIdle(timeout)) {
                LOG.warn("{} calls still in flight after {}; stopping anyway", gateway.inFlight().current(), timeout);
            }
            for (Stream stream : gateway.streams().snapshot()) {
                stream.goingAway();
            }
            if (!gateway.streams().awaitEmpty(Duration.ofSeconds(5))) {
                LOG.warn("some clients did not acknowledge the close within 5 s");
            }
            closeRemainingConnections();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while stopping gracefully; stopping now");
        } finally {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.error("the HTTP server did not stop cleanly", e);
            }
            gateway.ticker().shutdownNow();
            gateway.metrics().close();
        }
        LOG.info("Troupe server on port {} stopped", port);
    }

    /**
     * Closes the connections still open once every call has answered and every stream has ended: the
     * kept-alive ones a browser holds idle, and those of clients that did not acknowledge the close.
     * Left open, they would hold Jetty's graceful stop until its timeout.
     */
    private void closeRemainingConnections() {
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            endPoint.close();
        }
    }
}
