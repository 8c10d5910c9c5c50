package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * The recorded effects of one history entry, handed back to the replayed turn in order. A request
 * whose name differs from the next recorded one, or that comes after the last, is a divergence: the
 * actor's code did not ask for the same effects as when it ran.
 */
final class ReplayedEffects {
    private final List<RecordedEffect> effects;
    private int next;

    ReplayedEffects(List<RecordedEffect> effects) {
        this.effects = effects;
    }

    /** Parses an entry's effects field. */
    static ReplayedEffects of(JsonNode effects) {
        return new ReplayedEffects(java.util.stream.StreamSupport.stream(effects.spliterator(), false)
                .map(e -> new RecordedEffect(e.path("name").asText(), e.path("value"))).toList());
    }

    <T> T next(String name, Class<T> type) {
        if (next >= effects.size()) {
            throw new Divergence("effect '" + name + "' (#" + (next + 1) + ") was not recorded: the turn recorded "
                    + effects.size() + " effect(s)");
        }
        RecordedEffect effect = effects.get(next);
        if (!effect.name().equals(name)) {
            throw new Divergence("effect #" + (next + 1) + " is '" + name + "' in replay but was recorded as '"
                    + effect.name() + "'");
        }
        next++;
        try {
            return Json.mapper().treeToValue(effect.value(), type);
        } catch (IOException e) {
            throw new Divergence("effect #" + next + " '" + name + "' does not read back as " + type.getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    /** Why the turn did not use every recorded effect, or null if it did. */
    String unused() {
        return next == effects.size() ? null
                : "the turn used " + next + " of " + effects.size() + " recorded effect(s)";
    }

    /** Replay asked for an effect the recording does not have at that position. */
    static final class Divergence extends RuntimeException {
        Divergence(String message) {
            super(message);
        }
    }
}
