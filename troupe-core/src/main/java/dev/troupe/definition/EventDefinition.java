package dev.troupe.definition;

import java.util.List;
import java.util.Objects;

/**
 * An event an actor broadcasts to its subscribed connections, with the schemas of its positional
 * arguments. Declared for documents and clients; the runtime does not check broadcasts against it.
 *
 * @param name       the event name subscribers use
 * @param parameters the event's arguments, in order
 */
public record EventDefinition(String name, List<Parameter> parameters) {
    /** Copies the parameters and checks that nothing is missing. */
    public EventDefinition {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }
}
