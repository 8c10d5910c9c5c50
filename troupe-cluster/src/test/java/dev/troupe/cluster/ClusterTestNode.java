package dev.troupe.cluster;

import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.postgres.PostgresStore;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.CommitResult;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.Store;
import dev.troupe.testing.CounterActor;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.remote.RARP;
import org.apache.pekko.remote.RARP$;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter.SetThrottle;

/**
 * One cluster node in its own JVM, for the multi-node tests: a Troupe node serving {@link CounterActor}
 * ({@code test-counter}, open to anonymous clients) over the gateway on an ephemeral port, on a shared
 * PostgreSQL store.
 *
 * <p>Arguments: node name, cluster port, seed nodes ({@code host:port,…}), PostgreSQL URI. Its stdout
 * is a protocol, one line per message: {@code READY httpPort} once the node is a cluster member and
 * serving, and {@code COMMIT actorId epoch} for every write the store applied (not fenced), printed
 * before the turn is acknowledged. Logging goes to stderr. It reads one command from stdin,
 * {@code PARTITION host:port,…}: from then on every message to and from those nodes is dropped
 * (Artery's test mode blackholing, both directions), as a network partition would. At the end of
 * stdin the node leaves the cluster gracefully and exits, so it never outlives the test JVM.
 */
public final class ClusterTestNode {
    private ClusterTestNode() {
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        if (args.length != 4) {
            System.err.println("usage: ClusterTestNode <name> <cluster port> <seeds host:port,...> <postgres uri>");
            System.exit(2);
        }
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        ClusterConfig config = ClusterConfig.of("127.0.0.1", Integer.parseInt(args[1]), Arrays.asList(args[2].split(",")))
                .withShards(30)
                .withStableAfter(Duration.ofSeconds(2));
        Troupe troupe = Troupe.builder()
                .store(recordingCommits(PostgresStore.fromUri(args[3]), protocol))
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT))
                .callTimeout(Duration.ofSeconds(5))
                .schedulePollInterval(Duration.ofMillis(250))
                .host(new ClusterHostProvider(config))
                .build();
        TroupeServer server = TroupeServer.start(troupe, ServerConfig.port(0).host("127.0.0.1"));
        protocol.println("READY " + server.port());
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String command;
            while ((command = commands.readLine()) != null) {
                if (command.startsWith("PARTITION ")) {
                    partitionFrom((ClusterNode) troupe.host(), command.substring(10).split(","));
                }
            }
        }
        server.close();
        troupe.close();
        System.exit(0);
    }

    private static void partitionFrom(ClusterNode node, String[] peers) throws ReflectiveOperationException {
        org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(node.system());
        // Scala's Direction.Both object, which Java source cannot name (its class sits in Direction$).
        ThrottlerTransportAdapter.Direction both = (ThrottlerTransportAdapter.Direction) Class.forName(
                ThrottlerTransportAdapter.class.getName() + "$Direction$Both$").getField("MODULE$").get(null);
        for (String peer : peers) {
            String[] hostAndPort = peer.split(":");
            Address address = new Address("pekko", classic.name(), hostAndPort[0], Integer.parseInt(hostAndPort[1]));
            ((RARP) RARP$.MODULE$.apply(classic)).provider().transport().managementCommand(new SetThrottle(address,
                    both, ThrottlerTransportAdapter.Blackhole$.MODULE$));
        }
    }

    /** {@code store}, printing {@code COMMIT actorId epoch} for each write a commit applied. */
    private static Store recordingCommits(Store store, PrintStream protocol) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, arguments) -> {
                    Object result;
                    try {
                        result = method.invoke(store, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("commit") && result instanceof CommitResult commit) {
                        @SuppressWarnings("unchecked")
                        List<ActorWrite> writes = (List<ActorWrite>) arguments[0];
                        StringBuilder lines = new StringBuilder();
                        for (ActorWrite write : writes) {
                            if (!commit.fenced().contains(write.actorId())) {
                                lines.append("COMMIT ").append(write.actorId()).append(' ').append(write.epoch())
                                        .append('\n');
                            }
                        }
                        protocol.print(lines);
                        protocol.flush();
                    }
                    return result;
                });
    }
}
