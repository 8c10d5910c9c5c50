package dev.troupe.cluster;

import dev.troupe.ActorError;
import dev.troupe.host.ConnectionSink;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * On the owning node, the sink of a connection held on another node: sends each event, view and the
 * closing to that node's {@link ConnectionRelay}, as JSON. Never blocks: a tell only queues.
 */
final class RelaySink implements ConnectionSink {
    private final ActorRef<RelayMessage> relay;
    private final Runnable onClosed;

    RelaySink(ActorRef<RelayMessage> relay, Runnable onClosed) {
        this.relay = relay;
        this.onClosed = onClosed;
    }

    @Override
    public void event(String name, List<Object> args) {
        relay.tell(new RelayMessage.Event(name, WireValues.json(args)));
    }

    @Override
    public void view(Object view) {
        relay.tell(new RelayMessage.View(WireValues.json(view)));
    }

    @Override
    public void closed(ActorError reason) {
        onClosed.run();
        relay.tell(new RelayMessage.Closed(reason));
    }
}
