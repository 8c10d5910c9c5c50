package dev.troupe.store;

/**
 * A store could not do what was asked (I/O error, lost connection, corrupt data). Whatever the
 * operation was, it did not take effect; for {@link Store#commit} that means none of the batch did.
 */
public class StoreException extends RuntimeException {

    /** A store failure with its cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A store failure without an underlying exception. */
    public StoreException(String message) {
        super(message);
    }
}
