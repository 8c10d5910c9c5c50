package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.view.ViewWait;
import dev.troupe.server.view.WaitCondition;
import java.time.Duration;
import java.util.Map;

/**
 * A WebSocket {@code wait} frame, {@code {"type":"wait","id":n,"waitForState":…,"waitMs":n?}} or with
 * {@code waitForEvent}: the same waits as a view fetch's query parameters, run by a {@link ViewWait}.
 *
 * @param condition the state or event waited for
 * @param timeout   how long, {@link ViewWait#MAX_WAIT} when the frame gives no {@code waitMs}
 */
record WaitFrame(WaitCondition condition, Duration timeout) {

    /**
     * Reads a wait frame.
     *
     * @throws TroupeException {@code request/invalid_request} unless it has exactly one of
     *                         {@code waitForState} (a state path or state value object) and
     *                         {@code waitForEvent} (a string), and a {@code waitMs} in range if any
     */
    static WaitFrame parse(JsonNode frame) {
        JsonNode state = frame.get("waitForState");
        JsonNode event = frame.get("waitForEvent");
        if ((state == null) == (event == null)) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "a wait frame needs exactly one of 'waitForState' and 'waitForEvent'");
        }
        WaitCondition condition;
        if (state != null) {
            condition = WaitCondition.state(state, state.isTextual() ? state.asText() : state.toString());
        } else if (event.isTextual()) {
            condition = WaitCondition.event(event.asText());
        } else {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "a wait frame's waitForEvent must be a string",
                    Map.of("field", "waitForEvent"));
        }
        JsonNode waitMs = frame.get("waitMs");
        if (waitMs == null || waitMs.isNull()) {
            return new WaitFrame(condition, ViewWait.MAX_WAIT);
        }
        return new WaitFrame(condition, ViewWait.waitMs(waitMs.canConvertToLong() && waitMs.isIntegralNumber()
                ? waitMs.asLong() : -1, waitMs.toString()));
    }
}
