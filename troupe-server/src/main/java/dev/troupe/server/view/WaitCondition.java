package dev.troupe.server.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.CanonicalJson;
import dev.troupe.statechart.Statecharts;
import dev.troupe.statechart.actor.MachineActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ViewWait} waits for: a view with another checksum than the caller's ({@code after}),
 * a machine state ({@code waitForState}, with {@code matchesState} semantics on the view's
 * {@code value}), or the next event of a type the machine processes ({@code waitForEvent}). A change
 * that does not come answers the current view; a state or event that does not come is
 * {@code machine/wait_timeout} (408). Shared by the protocols that offer waits ({@link ViewWait}).
 * Immutable.
 */
public sealed interface WaitCondition {
    /** Whether {@code view} already is what the wait is for. */
    boolean metBy(@Nullable Object view);

    /** Whether the event {@code name} with {@code args}, sent to the waiting connection, ends the wait. */
    default boolean metByEvent(String name, List<Object> args) {
        return false;
    }

    /** The connection parameters the wait connects with. */
    default Map<String, Object> params() {
        return Map.of();
    }

    /**
     * The answer when {@code wait} passed without the condition met, given the current view.
     *
     * @throws TroupeException {@code machine/wait_timeout} for a state or an event
     */
    @Nullable Object timedOut(@Nullable Object current, Duration wait);

    /** A view with another checksum than {@code checksum}. */
    record Change(String checksum) implements WaitCondition {
        @Override
        public boolean metBy(@Nullable Object view) {
            return !CanonicalJson.checksum(CanonicalJson.tree(view)).equals(checksum);
        }

        @Override
        public @Nullable Object timedOut(@Nullable Object current, Duration wait) {
            return current;
        }
    }

    /**
     * A wait for {@code state}, which must be a state value: a non-empty state path such as
     * {@code editing.draft}, or an object whose every member is a state value (XState's shape).
     *
     * @param given the state as the request wrote it, for the error
     * @throws TroupeException {@code request/invalid_request} if it is no state value
     */
    public static State state(JsonNode state, String given) {
        if (!isStateValue(state)) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "waitForState is a state path such as 'editing.draft' or a JSON object state value, got '" + given + "'",
                    Map.of("waitForState", given));
        }
        return new State(state);
    }

    /**
     * A wait for the next event of type {@code type}.
     *
     * @throws TroupeException {@code request/invalid_request} if the type is empty
     */
    public static Event event(String type) {
        if (type.isEmpty()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "waitForEvent names an event type, got ''");
        }
        return new Event(type);
    }

    private static boolean isStateValue(JsonNode node) {
        if (node.isTextual()) {
            return !node.asText().isEmpty();
        }
        if (!node.isObject()) {
            return false;
        }
        for (JsonNode member : node) {
            if (!isStateValue(member)) {
                return false;
            }
        }
        return true;
    }

    /** A view whose {@code value} is {@code state} or inside it. */
    record State(JsonNode state) implements WaitCondition {
        @Override
        public boolean metBy(@Nullable Object view) {
            JsonNode value = CanonicalJson.tree(view).get("value");
            return value != null && (value.isTextual() || value.isObject()) && Statecharts.matchesState(state, value);
        }

        @Override
        public @Nullable Object timedOut(@Nullable Object current, Duration wait) {
            throw timeout("state " + state, wait, Map.of("waitForState", state));
        }
    }

    /** The next event of type {@code type} the machine processes. */
    record Event(String type) implements WaitCondition {
        @Override
        public boolean metBy(@Nullable Object view) {
            return false;
        }

        @Override
        public boolean metByEvent(String name, List<Object> args) {
            return name.equals(MachineActor.PROCESSED) && args.size() == 1 && type.equals(String.valueOf(args.getFirst()));
        }

        @Override
        public Map<String, Object> params() {
            return Map.of(MachineActor.WAIT_FOR_EVENT_PARAM, type);
        }

        @Override
        public @Nullable Object timedOut(@Nullable Object current, Duration wait) {
            throw timeout("event " + type, wait, Map.of("waitForEvent", type));
        }
    }

    private static TroupeException timeout(String what, Duration wait, Map<String, Object> metadata) {
        return new TroupeException(ErrorCode.MACHINE_WAIT_TIMEOUT, "no " + what + " within " + wait.toMillis() + " ms",
                Map.of("waitMs", wait.toMillis(), "for", metadata));
    }
}
