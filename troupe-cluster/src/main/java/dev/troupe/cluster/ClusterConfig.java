package dev.troupe.cluster;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a Troupe node joins its cluster: the address it listens on for other nodes, the seed nodes it
 * contacts to join, how many shards the actors are spread over, and how long the split-brain resolver
 * waits before it downs unreachable nodes. Immutable; every {@code with} method returns a copy.
 *
 * <p>Further Pekko settings come from {@code application.conf} or system properties as usual; the
 * values here override them.
 *
 * @param host        the address other nodes reach this one at (a loopback address on one machine)
 * @param port        the cluster port (Pekko remoting)
 * @param seedNodes   {@code host:port} of the nodes to join through; a node listing itself first forms
 *                    the cluster if no other seed answers
 * @param shards      how many shards actors are hashed to; fixed for the life of the cluster
 * @param stableAfter how long membership must be stable before unreachable nodes are downed
 * @param systemName  the Pekko actor system name; every node of one cluster uses the same
 */
public record ClusterConfig(String host, int port, List<String> seedNodes, int shards, Duration stableAfter,
                            String systemName) {

    /** The default actor system name. */
    public static final String DEFAULT_SYSTEM_NAME = "troupe";

    /** Checks every field. */
    public ClusterConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stableAfter, "stableAfter");
        Objects.requireNonNull(systemName, "systemName");
        seedNodes = List.copyOf(seedNodes);
        if (port < 0 || port > 65_535) {
            throw invalid("port must be 0..65535: " + port);
        }
        if (seedNodes.isEmpty()) {
            throw invalid("at least one seed node is needed (host:port)");
        }
        for (String seed : seedNodes) {
            if (!seed.matches("[^:/@]+:\\d{1,5}")) {
                throw invalid("a seed node is host:port, got '" + seed + "'");
            }
        }
        if (shards < 1) {
            throw invalid("shards must be >= 1: " + shards);
        }
        if (stableAfter.isNegative() || stableAfter.isZero()) {
            throw invalid("stableAfter must be positive: " + stableAfter);
        }
    }

    /**
     * A node at {@code host:port} joining through {@code seedNodes}, with 100 shards and the
     * split-brain resolver's decision after 5 s of stable membership.
     */
    public static ClusterConfig of(String host, int port, List<String> seedNodes) {
        return new ClusterConfig(host, port, seedNodes, 100, Duration.ofSeconds(5), DEFAULT_SYSTEM_NAME);
    }

    /** A copy with {@code value} shards. */
    public ClusterConfig withShards(int value) {
        return new ClusterConfig(host, port, seedNodes, value, stableAfter, systemName);
    }

    /** A copy whose split-brain resolver decides after {@code value} of stable membership. */
    public ClusterConfig withStableAfter(Duration value) {
        return new ClusterConfig(host, port, seedNodes, shards, value, systemName);
    }

    /** This node's {@code host:port}. */
    public String self() {
        return host + ":" + port;
    }

    private static TroupeException invalid(String message) {
        return new TroupeException(ErrorCode.INVALID_REGISTRATION, "cluster: " + message);
    }
}
