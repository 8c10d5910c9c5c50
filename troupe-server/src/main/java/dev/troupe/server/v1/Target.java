package dev.troupe.server.v1;

/**
 * How a v1 route names its actor: by type, with the key in the {@code key} query parameters
 * ({@code /v1/actors/{type}/…}), or by the actor's id ({@code /v1/ids/{id}/…}). The same endpoints
 * serve both; {@link Addressing} turns either into the actor's address. Immutable.
 */
sealed interface Target {

    /** The actor of a type, its key in the request's {@code key} parameters; it may be created on first use. */
    record ByKey(String type) implements Target {
    }

    /** The existing actor with an id; such a request never creates an actor. */
    record ById(String id) implements Target {
    }
}
