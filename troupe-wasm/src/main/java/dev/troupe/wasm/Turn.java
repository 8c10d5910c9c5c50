package dev.troupe.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorContext;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one call into a module may use and has produced: the turn's context, the capabilities held,
 * the module's state as the turn sees it, the fuel left, and the result or failure the module set.
 */
final class Turn {
    final ActorContext context;
    final Set<Capability> capabilities;
    final boolean readOnly;
    final JsonNode args;
    JsonNode state;
    boolean stateChanged;
    @Nullable JsonNode result;
    @Nullable TroupeException failure;
    /** The answer of the last {@code call} or {@code http}, which {@code host_result} copies out. */
    byte[] hostResult = new byte[0];
    private long fuel;

    Turn(ActorContext context, Set<Capability> capabilities, boolean readOnly, JsonNode args, JsonNode state, long fuel) {
        this.context = context;
        this.capabilities = capabilities;
        this.readOnly = readOnly;
        this.args = args;
        this.state = state;
        this.fuel = fuel;
    }

    /** Spends one instruction's fuel; throws once none is left. */
    void burn() {
        if (--fuel < 0) {
            throw new FuelExhausted();
        }
    }

    /** Refuses a host function whose capability this actor does not hold. */
    void require(Capability capability, String function) {
        if (!capabilities.contains(capability)) {
            throw new TroupeException(ErrorCode.WASM_CAPABILITY_DENIED, "host function '" + function
                    + "' needs the capability '" + capability.wireName() + "', which this actor was not granted");
        }
    }

    /** Thrown from the interpreter when a turn's fuel runs out. */
    static final class FuelExhausted extends RuntimeException {
        FuelExhausted() {
            super("out of fuel", null, false, false);
        }
    }
}
