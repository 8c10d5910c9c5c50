package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.host.PlacedHost;
import dev.troupe.json.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharding entity of one Troupe actor, on the node that hosts it: while it lives, the node's
 * placement calls the actor local, and the operations other nodes forward to it are handed to this
 * node's runtime. It also holds the connections that other nodes opened to the actor. When sharding
 * moves the actor away it releases it from the runtime (the activation sleeps, its writes durable)
 * before it stops, so that the next owner starts from the committed state.
 */
final class ActorEntity extends AbstractBehavior<EntityCommand> {
    private static final Logger LOG = LoggerFactory.getLogger(ActorEntity.class);
    /** The runtime's blocking operations (create, destroy) run on virtual threads, never on Pekko's. */
    private static final Executor BLOCKING = task -> Thread.ofVirtual().name("troupe-cluster-op").start(task);
    private static final Caller CLUSTER = Caller.system("cluster");

    private final Address address;
    private final PlacedHost host;
    private final ShardPlacement placement;
    private final Duration timeout;
    private final Map<String, HostConnection> connections = new HashMap<>();
    private boolean releasing;

    private ActorEntity(ActorContext<EntityCommand> context, Address address, PlacedHost host,
                        ShardPlacement placement, Duration timeout) {
        super(context);
        this.address = address;
        this.host = host;
        this.placement = placement;
        this.timeout = timeout;
        placement.claim(address);
    }

    static Behavior<EntityCommand> create(String entityId, PlacedHost host, ShardPlacement placement,
                                          Duration timeout) {
        return Behaviors.setup(context -> new ActorEntity(context, WireValues.address(entityId), host, placement,
                timeout));
    }

    @Override
    public Receive<EntityCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(EntityCommand.Released.class, released -> Behaviors.stopped())
                .onMessage(EntityCommand.Opened.class, this::opened)
                .onMessage(EntityCommand.class, command -> releasing, this::moved)
                .onMessage(EntityCommand.Call.class, this::call)
                .onMessage(EntityCommand.Create.class, create -> answer(create.replyTo(), CompletableFuture.supplyAsync(
                        () -> host.create(address, WireValues.input(create.input()), create.caller(), timeout),
                        BLOCKING), WireValues::info))
                .onMessage(EntityCommand.Destroy.class, destroy -> answer(destroy.replyTo(), CompletableFuture.runAsync(
                        () -> host.destroy(address, CLUSTER, timeout), BLOCKING), done -> null))
                .onMessage(EntityCommand.View.class, view -> answer(view.replyTo(),
                        host.view(address, view.caller(), view.mode(), WireValues.input(view.input())), WireValues::json))
                .onMessage(EntityCommand.Connect.class, this::connect)
                .onMessage(EntityCommand.Subscribe.class, this::subscribe)
                .onMessage(EntityCommand.SyncViews.class, sync -> answer(sync.replyTo(), attempt(() -> {
                    connection(sync.connection()).syncViews(sync.enabled());
                    return null;
                }), done -> null))
                .onMessage(EntityCommand.ConnectionView.class, view -> answer(view.replyTo(),
                        this.<CompletableFuture<Object>>attempt(() -> connection(view.connection()).view())
                                .thenCompose(f -> f), WireValues::json))
                .onMessage(EntityCommand.Disconnect.class, disconnect -> disconnect(disconnect.connection()))
                .onMessage(EntityCommand.RelayGone.class, gone -> disconnect(gone.connection()))
                .onMessage(EntityCommand.Wake.class, wake -> {
                    wake.replyTo().tell(Reply.of(null));
                    return this;
                })
                .onMessage(EntityCommand.Release.class, this::release)
                .onSignal(PostStop.class, stop -> {
                    placement.drop(address);
                    return this;
                })
                .build();
    }

    private Behavior<EntityCommand> call(EntityCommand.Call call) {
        CompletableFuture<Object> result;
        try {
            HostConnection via = call.connection() == null ? null : connection(call.connection());
            HostedAction action = host.type(address.type()).action(call.action());
            result = host.call(address, action, action.decodeArgs(call.args()), call.caller(), call.mode(),
                    WireValues.input(call.input()), via);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return answer(call.replyTo(), result, WireValues::json);
    }

    private Behavior<EntityCommand> subscribe(EntityCommand.Subscribe subscribe) {
        HostConnection connection = connections.get(subscribe.connection());
        if (connection == null) {
            LOG.debug("subscription change for connection {} of {}, which is closed", subscribe.connection(), address);
        } else if (subscribe.subscribed()) {
            try {
                connection.subscribe(subscribe.event());
            } catch (TroupeException e) {
                // The transport checked the subscription before it was sent; a refusal here changes nothing.
                LOG.debug("subscription of connection {} of {} refused: {}", subscribe.connection(), address, e.getMessage());
            }
        } else {
            connection.unsubscribe(subscribe.event());
        }
        return this;
    }

    private Behavior<EntityCommand> connect(EntityCommand.Connect connect) {
        ActorRef<EntityCommand> self = getContext().getSelf();
        RelaySink sink = new RelaySink(connect.relay(),
                () -> self.tell(new EntityCommand.Disconnect(connect.connection())));
        CompletableFuture<HostConnection> opening = host.connect(address, connect.caller(), connect.params(), sink,
                connect.mode(), WireValues.input(connect.input()));
        getContext().pipeToSelf(opening, (HostConnection opened, Throwable failure) ->
                new EntityCommand.Opened(connect, opened, failure));
        return this;
    }

    private Behavior<EntityCommand> opened(EntityCommand.Opened opened) {
        EntityCommand.Connect request = opened.request();
        HostConnection connection = opened.connection();
        if (connection == null) {
            request.replyTo().tell(Reply.failure(opened.failure()));
            return this;
        }
        connections.put(request.connection(), connection);
        getContext().watchWith(request.relay(), new EntityCommand.RelayGone(request.connection()));
        request.relay().tell(new RelayMessage.Watch(getContext().getSelf()));
        ObjectNode value = Json.mapper().createObjectNode().put("actorId", connection.actorId());
        request.replyTo().tell(Reply.of(value));
        return this;
    }

    private Behavior<EntityCommand> disconnect(String id) {
        HostConnection connection = connections.remove(id);
        if (connection != null) {
            connection.close();
        }
        return this;
    }

    /**
     * While the actor is released, nothing more is handed to this node's runtime: commands that want
     * an answer are told the actor moved, so that their node sends them again (to the new owner, once
     * sharding has moved the shard); the rest concern connections, which the release closes.
     */
    private Behavior<EntityCommand> moved(EntityCommand command) {
        switch (command) {
            case EntityCommand.Call call -> call.replyTo().tell(Reply.moved());
            case EntityCommand.Create create -> create.replyTo().tell(Reply.moved());
            case EntityCommand.Destroy destroy -> destroy.replyTo().tell(Reply.moved());
            case EntityCommand.View view -> view.replyTo().tell(Reply.moved());
            case EntityCommand.Connect connect -> connect.replyTo().tell(Reply.moved());
            case EntityCommand.SyncViews sync -> sync.replyTo().tell(Reply.moved());
            case EntityCommand.ConnectionView view -> view.replyTo().tell(Reply.moved());
            case EntityCommand.Wake wake -> wake.replyTo().tell(Reply.moved());
            default -> LOG.debug("{} is being released; {} ignored", address, command.getClass().getSimpleName());
        }
        return this;
    }

    private Behavior<EntityCommand> release(EntityCommand.Release release) {
        releasing = true;
        placement.drop(address);
        getContext().pipeToSelf(host.release(address).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS),
                (done, failure) -> {
                    if (failure != null) {
                        LOG.warn("{} did not go to sleep within {}; its next owner fences it", address, timeout);
                    }
                    return new EntityCommand.Released();
                });
        return this;
    }

    private HostConnection connection(String id) {
        HostConnection connection = connections.get(id);
        if (connection == null) {
            throw new TroupeException(ErrorCode.CONNECTION_CLOSED, "connection " + id + " to " + address
                    + " is no longer open on the node hosting it");
        }
        return connection;
    }

    private <T> CompletableFuture<T> attempt(Supplier<T> operation) {
        try {
            return CompletableFuture.completedFuture(operation.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> Behavior<EntityCommand> answer(ActorRef<Reply> replyTo, CompletableFuture<T> result,
                                               Function<T, JsonNode> encode) {
        result.whenComplete((value, failure) -> replyTo.tell(failure == null ? Reply.of(encode.apply(value))
                : Reply.failure(failure)));
        return this;
    }
}
