package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.HostedAction;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.json.CanonicalJson;
import dev.troupe.host.CreateMode;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.view.ViewWait;
import dev.troupe.server.view.WaitCondition;
import dev.troupe.server.wire.Targets;
import dev.troupe.server.wire.WireErrors;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The request/response routes of wire protocol v1: call an action, create, describe, destroy and view
 * an actor. Each answers once the runtime has answered, which for state changes means once the turn
 * is durable. Runs on the request's virtual thread and may block it. Stateless.
 */
final class ActorEndpoints {
    private static final Set<String> ACTION_FIELDS = Set.of("args", "input");
    private static final Set<String> CREATE_FIELDS = Set.of("input");
    private static final Set<String> ENQUEUE_FIELDS = Set.of("message");

    private ActorEndpoints() {
    }

    /**
     * {@code POST /v1/actors/{type}/actions/{action}} and {@code POST /v1/ids/{id}/actions/{action}}:
     * {@code {"args":[…],"input":…}} to {@code {"output":…}}.
     */
    static void action(Exchange ex, Target target, String actionName) throws InterruptedException {
        ex.checkDeclaredLength();
        Caller caller = ex.caller();
        Address address = Addressing.address(ex, target);
        HostedAction action = ex.gateway().host().type(address.type()).action(actionName);
        CreateMode mode = Addressing.mode(ex, target, CreateMode.GET_OR_CREATE);
        ObjectNode body = ex.jsonObjectBody(ACTION_FIELDS);
        Object[] args = action.decodeArgs(body.get("args"));
        Input input = Input.of(body.get("input"));
        Object output = await(ex, ex.gateway().host().call(address, action, args, caller, mode, input, null));
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set("output", Json.mapper().valueToTree(output));
        ex.json(200, answer);
    }

    /**
     * {@code POST .../queues/{queue}} with {@code {"message": any JSON}}: enqueues the message to the
     * actor's queue and answers 202 {@code {"queue"}} once it is durable; the actor must exist.
     */
    static void enqueue(Exchange ex, Target target, String queue) {
        ex.checkDeclaredLength();
        Caller caller = ex.caller();
        Address address = Addressing.address(ex, target);
        ObjectNode body = ex.jsonObjectBody(ENQUEUE_FIELDS);
        ex.gateway().host().enqueue(address, queue, body.get("message"), caller);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("queue", queue);
        ex.json(202, answer);
    }

    /**
     * {@code /v1/actors/{type}}: POST creates (201), GET describes (200), DELETE destroys (204). {@code
     * /v1/ids/{id}}: GET and DELETE alike, for an actor that exists.
     */
    static void actor(Exchange ex, Target target) {
        ex.checkDeclaredLength();
        Caller caller = ex.caller();
        Address address = Addressing.address(ex, target);
        ActorHost host = ex.gateway().host();
        switch (ex.method()) {
            case "POST" -> {
                ObjectNode body = ex.jsonObjectBody(CREATE_FIELDS);
                ActorInfo info = host.create(address, Input.of(body.get("input")), caller,
                        ex.gateway().config().callTimeout());
                ObjectNode answer = Json.mapper().createObjectNode();
                answer.put("id", info.id());
                answer.set("key", Json.mapper().valueToTree(info.key().parts()));
                ex.json(201, answer);
            }
            case "GET" -> {
                ActorInfo info = host.info(address, caller).orElseThrow(() -> new TroupeException(ErrorCode.NOT_FOUND,
                        "actor " + address + " does not exist",
                        Map.of("type", address.type(), "key", address.key().parts())));
                ex.json(200, info(info));
            }
            default -> {
                host.destroy(address, caller, ex.gateway().config().callTimeout());
                ex.empty(204);
            }
        }
    }

    /** The wire form of an actor's info: {@code {"id","type","key","createdAt"}}, the instant in ISO-8601. */
    static ObjectNode info(ActorInfo info) {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("id", info.id());
        answer.put("type", info.type());
        answer.set("key", Json.mapper().valueToTree(info.key().parts()));
        answer.put("createdAt", info.createdAt().toString());
        return answer;
    }

    /**
     * {@code GET /v1/actors/{type}/view} (or {@code /v1/ids/{id}/view}): the caller's view of the durable state, with its checksum.
     * A snapshot has {@code seq} 0: sequence numbers count the frames of a WebSocket view sync. With
     * {@code ?after=<checksum>&waitMs=<n>} it waits up to {@code n} ms for a view with another checksum
     * (see {@link ViewWait}); with {@code ?waitForState=} or {@code ?waitForEvent=} it waits (up to
     * {@code waitMs}, 30 s without) for a machine state or event, else answers {@code machine/wait_timeout}.
     * With {@code mode=getOrCreate}, an actor it creates gets {@code ?input=}
     * (URL-encoded JSON).
     */
    static void view(Exchange ex, Target target) throws InterruptedException {
        Caller caller = ex.caller();
        Address address = Addressing.address(ex, target);
        CreateMode mode = Addressing.mode(ex, target, CreateMode.GET);
        WaitCondition condition = waitCondition(ex);
        Duration wait = waitParameter(ex.queryValue("waitMs"), condition instanceof WaitCondition.Change);
        Input input = inputParameter(ex.queryValue("input"));
        Object view;
        if (condition != null && !(condition instanceof WaitCondition.Change && wait.isZero())) {
            view = ViewWait.await(ex.gateway(), address, caller, mode, input, condition, wait);
        } else {
            ex.gateway().inFlight().begin();
            try {
                view = await(ex, ex.gateway().host().view(address, caller, mode, input));
            } finally {
                ex.gateway().inFlight().end();
            }
        }
        ObjectNode answer = Frames.snapshot(view);
        answer.put("seq", 0);
        ex.json(200, answer);
    }

    /** {@code ?input=}: URL-encoded JSON, used only if the request creates the actor (as an action's body input). */
    private static Input inputParameter(@Nullable String value) {
        return value == null ? Input.none() : Input.of(Targets.parse(value));
    }

    /** {@code after}, {@code waitForState} or {@code waitForEvent}: at most one of them, or none. */
    private static @Nullable WaitCondition waitCondition(Exchange ex) {
        String after = ex.queryValue("after");
        String state = ex.queryValue("waitForState");
        String event = ex.queryValue("waitForEvent");
        if ((after != null ? 1 : 0) + (state != null ? 1 : 0) + (event != null ? 1 : 0) > 1) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "after, waitForState and waitForEvent wait for different things; give at most one");
        }
        if (state != null) {
            // A dotted state path, or, starting with '{', a JSON object state value.
            return WaitCondition.state(state.startsWith("{") ? Targets.parse(state)
                    : Json.mapper().getNodeFactory().textNode(state), state);
        }
        if (event != null) {
            return WaitCondition.event(event);
        }
        return after == null ? null : new WaitCondition.Change(after);
    }

    /** {@code waitMs}: absent means no wait for a change, the longest wait for a state or an event. */
    private static Duration waitParameter(@Nullable String value, boolean forChange) {
        if (value == null) {
            return forChange ? Duration.ZERO : ViewWait.MAX_WAIT;
        }
        return ViewWait.waitMs(value.matches("\\d{1,9}") ? Long.parseLong(value) : -1, value);
    }

    private static <T> T await(Exchange ex, Future<T> reply) throws InterruptedException {
        long nanos = ex.gateway().config().callTimeout().toNanos();
        try {
            return reply.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw WireErrors.from(e.getCause(), ex.method() + " " + ex.route());
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new TroupeException(ErrorCode.TIMEOUT, "no answer within "
                    + ex.gateway().config().callTimeout().toMillis() + " ms; the turn may still complete",
                    Map.of("timeoutMs", ex.gateway().config().callTimeout().toMillis()));
        }
    }
}
