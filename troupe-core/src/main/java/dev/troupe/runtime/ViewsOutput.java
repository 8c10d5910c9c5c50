package dev.troupe.runtime;

import dev.troupe.TroupeException;
import java.util.List;

/** Connections' new views after a turn, pushed once the turn is durable, dropped if it is not. */
record ViewsOutput(List<Update> updates) implements TurnOutput {

    /** One connection's view. */
    record Update(ActorConnection connection, Object view) {
    }

    @Override
    public void release() {
        for (Update update : updates) {
            update.connection().deliverView(update.view());
        }
    }

    @Override
    public void fail(TroupeException error) {
        // The state these views show never became durable.
    }
}
