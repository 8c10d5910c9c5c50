package dev.troupe.bench.harness;

import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty 12 server set up as {@code TroupeServer} sets it up (a virtual-thread executor, one HTTP/1.1
 * connector on an ephemeral loopback port), for the baselines that measure the bare stack. The caller
 * sets the handler and starts it.
 *
 * @param server    the unstarted server
 * @param connector its connector; {@code getLocalPort()} once started
 */
public record BareJetty(Server server, ServerConnector connector) {

    /** A server whose request threads are named after {@code name}. */
    public static BareJetty create(String name) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name);
        threads.setVirtualThreadsExecutor(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-request-", 0).factory()));
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return new BareJetty(server, connector);
    }
}
