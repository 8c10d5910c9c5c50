package dev.troupe;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An expected failure raised by actor code, delivered to the caller unchanged with group
 * {@code user}.
 *
 * <p>Throwing it ends the turn like any exception: the turn's state change, schedules and broadcasts
 * are discarded. Unlike other exceptions, its code and message reach the caller as written, with HTTP
 * status 400 unless the actor chooses another 4xx status.
 *
 * {@snippet :
 * if (balance < amount) {
 *     throw new UserException("insufficient_funds", "balance is " + balance, Map.of("balance", balance));
 * }
 * }
 */
public class UserException extends TroupeException {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** A user error with status 400. */
    public UserException(String code, String message) {
        this(code, message, Map.of(), 400);
    }

    /** A user error with metadata and status 400. */
    public UserException(String code, String message, Map<String, Object> metadata) {
        this(code, message, metadata, 400);
    }

    /**
     * A user error with metadata and an explicit 4xx status.
     *
     * @throws IllegalArgumentException if the code is not {@code [a-z][a-z0-9_]{0,63}} or the status is
     *                                  not 4xx
     */
    public UserException(String code, String message, Map<String, Object> metadata, int status) {
        super(new ActorError("user", checkCode(code), message, metadata), checkStatus(status), null);
    }

    private static String checkCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("user error code must match " + CODE + ": " + code);
        }
        return code;
    }

    private static int checkStatus(int status) {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("user errors use a 4xx status: " + status);
        }
        return status;
    }
}
