package dev.troupe.runtime;

import dev.troupe.TroupeException;
import java.util.List;

/** The events of one turn, delivered to their connections once the turn is durable, dropped if it is not. */
record EventsOutput(Activation activation, List<Turn.Event> events) implements TurnOutput {
    @Override
    public void release() {
        for (Turn.Event event : events) {
            if (event.target() != null) {
                event.target().deliver(event.name(), event.args());
                continue;
            }
            for (ActorConnection connection : activation.connections()) {
                if (connection.wants(event.name())) {
                    connection.deliver(event.name(), event.args());
                }
            }
        }
    }

    @Override
    public void fail(TroupeException error) {
        // A turn that did not become durable never happened: its events are not sent.
    }
}
