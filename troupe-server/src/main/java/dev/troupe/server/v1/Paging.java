package dev.troupe.server.v1;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.protocol.Exchange;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of the paged v1 routes (a history, the actor listing): {@code limit} and other
 * integer parameters, checked before the runtime is asked. Stateless.
 */
final class Paging {
    /** Items a page holds unless {@code limit} says otherwise. */
    static final int DEFAULT_PAGE = 100;
    /** The most items one page holds. */
    static final int MAX_PAGE = 1_000;

    private Paging() {
    }

    /**
     * {@code ?limit=}: from 1 to {@link #MAX_PAGE}, {@link #DEFAULT_PAGE} without one.
     *
     * @throws TroupeException {@code request/invalid_request} naming the parameter
     */
    static int limit(Exchange ex) {
        return (int) number(ex, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
    }

    /**
     * An integer query parameter from {@code min} to {@code max}, or {@code absent} without one.
     *
     * @throws TroupeException {@code request/invalid_request} naming the parameter and its value
     */
    static long number(Exchange ex, String name, long min, long max, long absent) {
        @Nullable String value = ex.queryValue(name);
        if (value == null) {
            return absent;
        }
        long parsed = value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
        if (parsed < min || parsed > max) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, name + " must be an integer from " + min + " to "
                    + max + ", got '" + value + "'", Map.of("parameter", name, "value", value));
        }
        return parsed;
    }
}
