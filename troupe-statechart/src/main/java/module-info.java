/**
 * Troupe's statechart engine: machines with XState v5's semantics and the pure transition function
 * ({@code dev.troupe.statechart}). It reads core for the error catalogue and the JSON mapper; Jackson
 * comes with core, since the API shows {@code JsonNode} and {@code ObjectNode}.
 */
module dev.troupe.statechart {
    requires transitive dev.troupe.core;

    exports dev.troupe.statechart;
    exports dev.troupe.statechart.actor;
}
