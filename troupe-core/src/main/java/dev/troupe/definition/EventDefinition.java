package dev.troupe.definition;

import java.util.List;
import java.util.Objects;

/**
 * An event an actor broadcasts to its subscribed connections, with the schemas of its positional
 * arguments. The OpenAPI document publishes the schemas; a type that declares events broadcasts only
 * those (else {@code event/undeclared}), checks their arguments against the schemas when event
 * validation is on ({@code TypeOptions.validateEvents}, always in the test kit; else
 * {@code event/invalid_payload}), and delivers each to client connections its access rules allow
 * ({@code AccessRule.event(name)}).
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
