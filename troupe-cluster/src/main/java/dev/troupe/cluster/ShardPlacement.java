package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.host.Placement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.jspecify.annotations.Nullable;

/**
 * The placement of a cluster node: an actor is local while its sharding entity lives on this node
 * ({@link ActorEntity} claims it when it starts and drops it when it stops), and everything for the
 * others goes through Cluster Sharding to the node that hosts the entity, which starts it on demand.
 * Single activation thus follows from sharding's single entity, and the store's epoch fences the
 * moments when two nodes briefly both believe they host an actor.
 */
final class ShardPlacement implements Placement {
    /** The one entity type: every Troupe actor, whatever its type, keyed by its address. */
    static final EntityTypeKey<EntityCommand> ACTORS = EntityTypeKey.create(EntityCommand.class, "troupe-actor");
    private static final long RETRY_PAUSE_MILLIS = 25;
    private static final long MAX_RETRY_PAUSE_MILLIS = 250;

    private final Set<Address> hosted = ConcurrentHashMap.newKeySet();
    private final Duration timeout;
    private volatile @Nullable ActorSystem<?> system;
    private volatile @Nullable ClusterSharding sharding;

    ShardPlacement(Duration timeout) {
        this.timeout = timeout;
    }

    /** Connects the placement to the node's sharding once it is started. */
    void attach(ActorSystem<?> actorSystem, ClusterSharding clusterSharding) {
        this.system = actorSystem;
        this.sharding = clusterSharding;
    }

    /** The entity of {@code address} started here. */
    void claim(Address address) {
        hosted.add(address);
    }

    /** The entity of {@code address} stops here (or stopped). */
    void drop(Address address) {
        hosted.remove(address);
    }

    @Override
    public boolean isLocal(Address address) {
        return hosted.contains(address);
    }

    @Override
    public CompletableFuture<Object> call(Address address, HostedAction action, Object[] args, Caller caller,
                                          CreateMode mode, Input input, @Nullable HostConnection via) {
        String connection = via == null ? null : via.id();
        return ask(address, replyTo -> new EntityCommand.Call(action.name(), WireValues.json(args), caller, mode,
                WireValues.input(input), connection, replyTo)).thenApply(value -> value);
    }

    @Override
    public CompletableFuture<ActorInfo> create(Address address, Input input, Caller caller) {
        return ask(address, replyTo -> new EntityCommand.Create(WireValues.input(input), caller, replyTo))
                .thenApply(WireValues::info);
    }

    @Override
    public CompletableFuture<Void> destroy(Address address) {
        return ask(address, EntityCommand.Destroy::new).thenApply(value -> null);
    }

    @Override
    public CompletableFuture<Object> view(Address address, Caller caller, CreateMode mode, Input input) {
        return ask(address, replyTo -> new EntityCommand.View(caller, mode, WireValues.input(input), replyTo))
                .thenApply(value -> value);
    }

    @Override
    public CompletableFuture<HostConnection> connect(Address address, Caller caller, Map<String, Object> params,
                                                     ConnectionSink sink, CreateMode mode, Input input) {
        String id = "c-" + UUID.randomUUID();
        RemoteConnection connection = new RemoteConnection(id, address, caller, this);
        ActorRef<RelayMessage> relay = system().systemActorOf(ConnectionRelay.create(connection, sink),
                "relay-" + id, Props.empty());
        connection.relay(relay);
        return ask(address, replyTo -> new EntityCommand.Connect(id, caller, params, mode, WireValues.input(input),
                relay, replyTo)).handle((value, error) -> {
                    if (error != null) {
                        connection.detach();
                        throw error instanceof CompletionException wrapped ? wrapped : new CompletionException(error);
                    }
                    connection.opened(value.path("actorId").asText());
                    return connection;
                });
    }

    @Override
    public CompletableFuture<Void> scheduleDue(Address address) {
        return ask(address, EntityCommand.Wake::new).thenApply(woken -> null);
    }

    /** Sends a command that needs no answer to the entity of {@code address}. */
    void tell(Address address, EntityCommand command) {
        entity(address).tell(command);
    }

    /**
     * Asks the entity of {@code address}, wherever it lives, and completes with its answer or its
     * error; an answer that does not come in time is {@code actor/timeout}.
     */
    CompletableFuture<JsonNode> ask(Address address, Function<ActorRef<Reply>, EntityCommand> command) {
        return ask(address, command, System.nanoTime() + timeout.toNanos(), 1);
    }

    /**
     * One attempt; an entity that answers it is moving sends the caller back, after a pause growing
     * with each attempt, until the deadline.
     */
    private CompletableFuture<JsonNode> ask(Address address, Function<ActorRef<Reply>, EntityCommand> command,
                                            long deadline, int attempt) {
        return entity(address).ask(command::apply, timeout).toCompletableFuture().handle((reply, error) -> {
            if (error != null) {
                throw new CompletionException(unreachable(address, error));
            }
            return reply;
        }).thenCompose(reply -> {
            if (!reply.moving()) {
                return CompletableFuture.completedFuture(reply.valueOrThrow());
            }
            long pause = Math.min(MAX_RETRY_PAUSE_MILLIS, RETRY_PAUSE_MILLIS * attempt);
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                throw new CompletionException(new TroupeException(ErrorCode.UNAVAILABLE, address
                        + " was still moving to another node after " + timeout));
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(pause,
                    TimeUnit.MILLISECONDS)).thenCompose(ignored -> ask(address, command, deadline, attempt + 1));
        });
    }

    private TroupeException unreachable(Address address, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return new TroupeException(ErrorCode.TIMEOUT, "the node hosting " + address + " did not answer within "
                    + timeout, Map.of("timeoutMs", timeout.toMillis()));
        }
        return new TroupeException(ErrorCode.UNAVAILABLE, "the node hosting " + address + " is unreachable: "
                + cause, cause);
    }

    private EntityRef<EntityCommand> entity(Address address) {
        ClusterSharding started = sharding;
        if (started == null) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "the cluster is not started yet");
        }
        return started.entityRefFor(ACTORS, WireValues.entityId(address));
    }

    private ActorSystem<?> system() {
        return Objects.requireNonNull(system, "the cluster is not started yet");
    }
}
