package dev.troupe.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;

/**
 * The Pekko configuration of a node: cluster provider, Artery TCP on the configured address, the seed
 * nodes, the split-brain resolver (keep-majority), sharding, Troupe's JSON serializer for everything
 * that crosses nodes, SLF4J logging, and small thread pools. In order of precedence: the
 * {@link ClusterConfig} values, system properties, {@code application.conf}, Troupe's defaults
 * ({@code troupe-cluster.conf}), Pekko's {@code reference.conf}.
 */
final class PekkoSettings {
    private PekkoSettings() {
    }

    static Config of(ClusterConfig cluster) {
        List<String> seeds = cluster.seedNodes().stream()
                .map(seed -> "pekko://" + cluster.systemName() + "@" + seed).toList();
        Map<String, Object> values = Map.ofEntries(
                Map.entry("pekko.remote.artery.canonical.hostname", cluster.host()),
                Map.entry("pekko.remote.artery.canonical.port", cluster.port()),
                Map.entry("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds)),
                Map.entry("pekko.cluster.sharding.number-of-shards", cluster.shards()),
                Map.entry("pekko.cluster.split-brain-resolver.stable-after",
                        cluster.stableAfter().toMillis() + "ms"));
        return ConfigFactory.parseMap(values)
                .withFallback(ConfigFactory.defaultOverrides())
                .withFallback(ConfigFactory.defaultApplication())
                .withFallback(ConfigFactory.parseResources(PekkoSettings.class, "troupe-cluster.conf"))
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }
}
