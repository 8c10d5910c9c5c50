package dev.troupe;

import java.util.Map;

/**
 * The one exception type callers see from Troupe: it carries an {@link ActorError} whose group and
 * code are stable and cross the wire unchanged.
 *
 * <p>Actor code should throw {@link UserException} for its own, expected failures; any other
 * exception escaping an action is reported to the caller as {@code actor/internal_error}.
 */
public class TroupeException extends RuntimeException {
    private final transient ActorError error;
    private final int status;

    /** An exception for one of Troupe's own codes. */
    public TroupeException(ErrorCode code, String message) {
        this(ActorError.of(code, message), code.status(), null);
    }

    /** An exception for one of Troupe's own codes, with structured metadata. */
    public TroupeException(ErrorCode code, String message, Map<String, Object> metadata) {
        this(new ActorError(code.group(), code.code(), message, metadata), code.status(), null);
    }

    /** An exception for one of Troupe's own codes, keeping the underlying cause for the log. */
    public TroupeException(ErrorCode code, String message, Throwable cause) {
        this(ActorError.of(code, message), code.status(), cause);
    }

    /** An exception carrying an error received from elsewhere (a remote server, another actor). */
    public TroupeException(ActorError error, int status) {
        this(error, status, null);
    }

    TroupeException(ActorError error, int status, Throwable cause) {
        super(error.qualifiedCode() + ": " + error.message(), cause);
        this.error = error;
        this.status = status;
    }

    /** The error as it crosses the wire. */
    public ActorError error() {
        return error;
    }

    /** The HTTP status that represents this error. */
    public int status() {
        return status;
    }

    /** Whether this exception carries the given catalogue code. */
    public boolean is(ErrorCode code) {
        return error.is(code);
    }
}
