package dev.troupe.runtime;

import dev.troupe.host.Address;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.Map;

/** The errors an activation answers with, worded once. */
final class ActivationErrors {
    private ActivationErrors() {
    }

    /** What a caller sees when a turn threw: its own {@link TroupeException}, or a generic internal error. */
    static TroupeException of(Throwable thrown, Address address) {
        return thrown instanceof TroupeException known ? known : internal(address);
    }

    /** An internal error that names the actor and nothing of the cause (that goes to the log). */
    static TroupeException internal(Address address) {
        return new TroupeException(ErrorCode.INTERNAL_ERROR, "internal error in " + address + "; see the server log");
    }

    static TroupeException duplicate(Address address) {
        return new TroupeException(ErrorCode.DUPLICATE_KEY, "actor " + address + " already exists",
                Map.of("type", address.type(), "key", address.key().parts()));
    }

    static TroupeException notFound(Address address) {
        return new TroupeException(ErrorCode.NOT_FOUND, "actor " + address + " does not exist",
                Map.of("type", address.type(), "key", address.key().parts()));
    }

    /** Why an actor's connections close when the runtime stops. */
    static TroupeException shuttingDown() {
        return new TroupeException(ErrorCode.UNAVAILABLE, "the runtime is shutting down");
    }

    static TroupeException fenced(Address address) {
        return new TroupeException(ErrorCode.FENCED,
                "a newer activation of " + address + " exists; this one stopped serving it");
    }
}
