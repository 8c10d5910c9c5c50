package dev.troupe.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** A node's configuration is checked when it is made, and becomes the Pekko settings the node runs with. */
class ClusterConfigTest {

    @Test
    void pekkoSettings_carryAddressSeedsShardsAndTheSplitBrainResolver() {
        ClusterConfig config = ClusterConfig.of("127.0.0.1", 25_601, List.of("127.0.0.1:25601", "127.0.0.1:25602"))
                .withShards(12).withStableAfter(Duration.ofSeconds(3));

        Config pekko = PekkoSettings.of(config);

        assertThat(pekko.getString("pekko.actor.provider")).isEqualTo("cluster");
        assertThat(pekko.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("127.0.0.1");
        assertThat(pekko.getInt("pekko.remote.artery.canonical.port")).isEqualTo(25_601);
        assertThat(pekko.getStringList("pekko.cluster.seed-nodes"))
                .containsExactly("pekko://troupe@127.0.0.1:25601", "pekko://troupe@127.0.0.1:25602");
        assertThat(pekko.getInt("pekko.cluster.sharding.number-of-shards")).isEqualTo(12);
        assertThat(pekko.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-majority");
        assertThat(pekko.getDuration("pekko.cluster.split-brain-resolver.stable-after")).isEqualTo(Duration.ofSeconds(3));
        assertThat(pekko.getString("pekko.actor.serialization-bindings.\"dev.troupe.cluster.ClusterMessage\""))
                .isEqualTo("troupe-json");
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void systemProperties_overrideTroupesDefaults_butNotTheNodesOwnValues() {
        ClusterConfig config = ClusterConfig.of("127.0.0.1", 25_601, List.of("127.0.0.1:25601"));
        System.setProperty("pekko.cluster.split-brain-resolver.active-strategy", "keep-oldest");
        System.setProperty("pekko.remote.artery.canonical.port", "1");
        ConfigFactory.invalidateCaches();
        try {
            Config pekko = PekkoSettings.of(config);

            assertThat(pekko.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-oldest");
            assertThat(pekko.getInt("pekko.remote.artery.canonical.port")).isEqualTo(25_601);
        } finally {
            System.clearProperty("pekko.cluster.split-brain-resolver.active-strategy");
            System.clearProperty("pekko.remote.artery.canonical.port");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void seedThatIsNotHostAndPort_isRefused() {
        assertThatThrownBy(() -> ClusterConfig.of("127.0.0.1", 25_601, List.of("pekko://troupe@127.0.0.1:1")))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.INVALID_REGISTRATION)).isTrue();
                    assertThat(e.getMessage()).contains("host:port");
                });
    }

    @Test
    void noSeeds_badPort_orNoShards_areRefused() {
        assertThatThrownBy(() -> ClusterConfig.of("127.0.0.1", 1, List.of()))
                .hasMessageContaining("at least one seed node");
        assertThatThrownBy(() -> ClusterConfig.of("127.0.0.1", 70_000, List.of("127.0.0.1:1")))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> ClusterConfig.of("127.0.0.1", 1, List.of("127.0.0.1:1")).withShards(0))
                .hasMessageContaining("shards");
    }
}
