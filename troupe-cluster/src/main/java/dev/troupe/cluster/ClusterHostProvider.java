package dev.troupe.cluster;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.HostProvider;
import dev.troupe.host.HostSettings;
import dev.troupe.host.PlacedHost;
import dev.troupe.host.RunningHost;
import dev.troupe.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * Starts a Troupe node of a cluster: the single-node runtime of troupe-core, placed by Cluster
 * Sharding ({@link ShardPlacement}), inside a Pekko actor system that joins the cluster through the
 * configured seed nodes. Use it explicitly, on a store every node shares (PostgreSQL):
 *
 * <pre>{@code
 * Troupe troupe = Troupe.builder()
 *         .store(PostgresStore.fromUri(uri))
 *         .register(CounterActor.class)
 *         .host(new ClusterHostProvider(ClusterConfig.of("127.0.0.1", 25520, List.of("127.0.0.1:25520"))))
 *         .build();
 * }</pre>
 *
 * <p>{@code build()} returns once this node is a member of the cluster ({@code Up}). It is not
 * registered as a service: a class path holding troupe-cluster still starts single-node runtimes
 * unless a builder asks for this provider.
 */
public final class ClusterHostProvider implements HostProvider {
    /** How long {@link #start} waits for this node to become a member. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterConfig config;

    /** A provider starting nodes with {@code config}. */
    public ClusterHostProvider(ClusterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @throws TroupeException {@code actor/unavailable} if the node cannot join within a minute, or as
     *                         {@link HostProvider#start}
     */
    @Override
    public RunningHost start(Store store, List<Registration> types, HostSettings settings) {
        ShardPlacement placement = new ShardPlacement(settings.callTimeout());
        PlacedHost runtime = singleNode().start(store, types, settings, placement);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), config.systemName(), PekkoSettings.of(config));
        try {
            ClusterSharding sharding = ClusterSharding.get(system);
            sharding.init(Entity.of(ShardPlacement.ACTORS, entity -> ActorEntity.create(entity.getEntityId(), runtime,
                    placement, settings.callTimeout())).withStopMessage(new EntityCommand.Release()));
            placement.attach(system, sharding);
            Redelivery.start(system, sharding);
            awaitUp(system);
        } catch (RuntimeException e) {
            system.terminate();
            runtime.close();
            throw e;
        }
        return new ClusterNode(runtime, system, placement);
    }

    private void awaitUp(ActorSystem<Void> system) {
        CompletableFuture<Void> up = new CompletableFuture<>();
        Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> up.complete(null));
        try {
            up.get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "node " + config.self() + " did not join the cluster through "
                    + config.seedNodes() + " within " + JOIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.UNAVAILABLE, "interrupted while joining the cluster");
        }
    }

    /** The registered single-node provider (troupe-core's), which runs the actors of this node. */
    private static HostProvider singleNode() {
        List<HostProvider> found = ServiceLoader.load(HostProvider.class, HostProvider.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> !(provider instanceof ClusterHostProvider))
                .toList();
        if (found.size() != 1) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "troupe-cluster needs exactly one registered "
                    + HostProvider.class.getName() + " to run its node's actors, found " + found.size());
        }
        return found.getFirst();
    }
}
