package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** One value a turn took from {@link dev.troupe.Effects}, as its history entry keeps it. */
record RecordedEffect(String name, JsonNode value) {
}
