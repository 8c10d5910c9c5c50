package dev.troupe.actorkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.CreateMode;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.view.ViewWait;
import dev.troupe.server.view.WaitCondition;
import dev.troupe.server.wire.Targets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/{type}/{id}}: the caller's snapshot, {@code 200 {"snapshot": {public, private, value},
 * "checksum": …}}, as {@code createActorFetch} asks for it. The actor is created on first use with
 * {@code input} (a JSON object; {@code {}}, which actor-kit always sends, is no input). {@code waitForState} (a JSON state value, matched
 * like XState's {@code matchesState}) or {@code waitForEvent} (a JSON event; its {@code type} counts)
 * answers once met, within {@code timeout} ms (default 5000, at most {@link ViewWait#MAX_WAIT}); a wait
 * not met is {@code 408 machine/wait_timeout}, or the current snapshot with {@code
 * errorOnWaitTimeout=false}. Stateless.
 */
final class SnapshotFetch {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);

    private SnapshotFetch() {
    }

    static void serve(Exchange ex, ActorKit settings, ActorKitTokens tokens, String type, String id)
            throws InterruptedException {
        Gateway gateway = ex.gateway();
        Served served = Served.of(settings, gateway.host(), type, id);
        Caller caller = tokens.caller(Bearer.of(ex.authorization()), type, id, false);
        Input input = input(ex.queryValue("input"));
        WaitCondition condition = condition(ex.queryValue("waitForState"), ex.queryValue("waitForEvent"));
        Duration timeout = timeout(ex.queryValue("timeout"));
        boolean errorOnTimeout = errorOnWaitTimeout(ex.queryValue("errorOnWaitTimeout"));
        Supplier<String> where = () -> "snapshot of " + served.address();
        Object view;
        if (condition == null) {
            view = gateway.await(gateway.host().view(served.address(), caller, CreateMode.GET_OR_CREATE, input), where);
        } else {
            try {
                view = ViewWait.await(gateway, served.address(), caller, CreateMode.GET_OR_CREATE, input, condition, timeout);
            } catch (TroupeException e) {
                if (errorOnTimeout || !e.error().is(ErrorCode.MACHINE_WAIT_TIMEOUT)) {
                    throw e;
                }
                view = gateway.await(gateway.host().view(served.address(), caller, CreateMode.GET, Input.none()), where);
            }
        }
        JsonNode snapshot = served.snapshot(view);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set("snapshot", snapshot);
        answer.put("checksum", Served.checksum(snapshot));
        ex.json(200, answer);
    }

    /** The creation input: none for an absent or empty object (actor-kit always sends {@code {}}). */
    private static Input input(@Nullable String value) {
        if (value == null) {
            return Input.none();
        }
        JsonNode input = Targets.parse(value);
        if (!input.isObject()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "input must be a JSON object");
        }
        return input.isEmpty() ? Input.none() : Input.of(input);
    }

    private static @Nullable WaitCondition condition(@Nullable String state, @Nullable String event) {
        if (state != null && event != null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "give waitForState or waitForEvent, not both");
        }
        if (state != null) {
            return WaitCondition.state(Targets.parse(state), state);
        }
        if (event == null) {
            return null;
        }
        JsonNode type = Targets.parse(event).path("type");
        if (!type.isTextual()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "waitForEvent is a JSON event with a string type, such as {\"type\":\"ADD_TODO\"}");
        }
        return WaitCondition.event(type.asText());
    }

    private static Duration timeout(@Nullable String value) {
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        return ViewWait.waitMs(value.matches("\\d{1,9}") ? Long.parseLong(value) : -1, value);
    }

    private static boolean errorOnWaitTimeout(@Nullable String value) {
        if (value == null || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new TroupeException(ErrorCode.INVALID_REQUEST, "errorOnWaitTimeout must be 'true' or 'false'",
                Map.of("errorOnWaitTimeout", value));
    }
}
