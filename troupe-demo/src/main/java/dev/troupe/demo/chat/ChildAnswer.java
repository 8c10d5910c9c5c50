package dev.troupe.demo.chat;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * What one child answered about one message, as stored in that message's {@link Rollup}.
 *
 * @param status {@value #OK}, {@value #FAILED} (its turn failed) or {@value #TIMED_OUT} (no answer
 *               before the rollup's deadline)
 * @param result the child's result as JSON, when it answered
 * @param error  the error code ({@code group/code}), when it failed
 */
public record ChildAnswer(String status, @Nullable JsonNode result, @Nullable String error) {
    /** The child answered. */
    public static final String OK = "ok";
    /** The child's turn failed. */
    public static final String FAILED = "failed";
    /** The child did not answer in time. */
    public static final String TIMED_OUT = "timed_out";

    static ChildAnswer ok(JsonNode result) {
        return new ChildAnswer(OK, result, null);
    }

    static ChildAnswer failed(String code) {
        return new ChildAnswer(FAILED, null, code);
    }

    static ChildAnswer timedOut() {
        return new ChildAnswer(TIMED_OUT, null, null);
    }
}
