package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.host.ConnectionSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * On the node a client reached, the receiving end of one connection to an actor hosted elsewhere:
 * hands the owner's events and views to the transport's sink, in order, and closes the sink when the
 * owner closes the connection or goes away. One small actor per such connection.
 */
final class ConnectionRelay extends AbstractBehavior<RelayMessage> {
    private final RemoteConnection connection;
    private final ConnectionSink sink;

    private ConnectionRelay(ActorContext<RelayMessage> context, RemoteConnection connection, ConnectionSink sink) {
        super(context);
        this.connection = connection;
        this.sink = sink;
    }

    static Behavior<RelayMessage> create(RemoteConnection connection, ConnectionSink sink) {
        return Behaviors.setup(context -> new ConnectionRelay(context, connection, sink));
    }

    @Override
    public Receive<RelayMessage> createReceive() {
        return newReceiveBuilder()
                .onMessage(RelayMessage.Event.class, event -> {
                    sink.event(event.name(), args(event.args()));
                    return this;
                })
                .onMessage(RelayMessage.View.class, view -> {
                    sink.view(view.view());
                    return this;
                })
                .onMessage(RelayMessage.Watch.class, watch -> {
                    getContext().watchWith(watch.owner(), new RelayMessage.OwnerGone());
                    return this;
                })
                .onMessage(RelayMessage.Detach.class, detach -> Behaviors.stopped())
                .onMessage(RelayMessage.Closed.class, closed -> close(closed.reason()))
                .onMessage(RelayMessage.OwnerGone.class, gone -> close(ActorError.of(ErrorCode.UNAVAILABLE,
                        "the node hosting " + connection.address() + " went away; reconnect")))
                .build();
    }

    private Behavior<RelayMessage> close(ActorError reason) {
        connection.ownerClosed();
        sink.closed(reason);
        return Behaviors.stopped();
    }

    private static List<Object> args(JsonNode args) {
        List<Object> list = new ArrayList<>(args.size());
        args.forEach(list::add);
        return Collections.unmodifiableList(list);
    }
}
