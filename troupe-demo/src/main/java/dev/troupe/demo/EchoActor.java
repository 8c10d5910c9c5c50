package dev.troupe.demo;

import dev.troupe.Actor;
import dev.troupe.ActorError;
import dev.troupe.Channel;
import dev.troupe.Input;
import dev.troupe.RawRequest;
import dev.troupe.RawResponse;
import dev.troupe.RawSocket;
import dev.troupe.UserException;
import dev.troupe.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Implements {@link Echo}. The first message of a channel decides its open: {@code {"reject":"why"}}
 * rejects it with that reason ({@code user/refused}), {@code {"acceptAfterMs":n}} accepts after n
 * milliseconds (to try a client's timeout; at most 10 s, since the wait holds the echo's turn),
 * anything else accepts it at once; an accepted channel gets {@code "welcome"}. On an open channel, {@code "close"} makes the echo close it,
 * {@code "destroy"} destroys the echo, and anything else comes back unchanged.
 *
 * <p>Its raw handlers ({@code docs/raw-handlers.md}) echo too: a raw HTTP request on any path is answered
 * with a JSON description of it ({@code method}, {@code path}, {@code query}, {@code body}, the
 * {@code x-echo} header) and an {@code x-echo-events} header counting the echo's events; a raw WebSocket
 * is greeted with {@code "welcome"} and gets every text message back, and {@code "close"} makes the echo
 * close it. The clients' RivetKit tests use them for {@code handle.fetch} and {@code handle.webSocket}.
 */
public final class EchoActor extends Actor<EchoActor.State> implements Echo {
    private static final long LONGEST_DELAY_MS = 10_000;

    /**
     * The echo's state.
     *
     * @param events what happened on its channels, oldest first (the last 100)
     */
    public record State(List<String> events) {
        State with(String event) {
            List<String> next = new ArrayList<>(events.subList(Math.max(0, events.size() - 99), events.size()));
            next.add(event);
            return new State(List.copyOf(next));
        }
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    /**
     * {@inheritDoc}
     *
     * @throws UserException {@code user/refused} for a first message {@code {"reject":"why"}}
     */
    @Override
    protected void onChannelOpen(Channel channel, @Nullable Object message) {
        if (message instanceof Map<?, ?> request) {
            if (request.get("reject") instanceof String reason) {
                throw new UserException("refused", reason);
            }
            if (request.get("acceptAfterMs") instanceof Number delay) {
                pause(Duration.ofMillis(Math.min(LONGEST_DELAY_MS, Math.max(0, delay.longValue()))));
            }
        }
        update(state -> state.with("open"));
        channel.send("welcome");
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delaying the acceptance", e);
        }
    }

    @Override
    protected void onChannelMessage(Channel channel, @Nullable Object message) {
        update(state -> state.with("got:" + Json.mapper().valueToTree(message)));
        if ("close".equals(message)) {
            channel.close();
        } else if ("destroy".equals(message)) {
            destroy();
        } else {
            channel.send(message);
        }
    }

    @Override
    protected void onChannelClosed(Channel channel, ActorError reason) {
        update(state -> state.with("closed:" + reason.qualifiedCode()));
    }

    @Override
    protected RawResponse onRequest(RawRequest request) {
        State next = update(state -> state.with("raw:" + request.method() + " " + request.path()));
        Map<String, String> echoed = new LinkedHashMap<>();
        echoed.put("method", request.method());
        echoed.put("path", request.path());
        echoed.put("query", request.query());
        echoed.put("body", request.text());
        echoed.put("header", request.header("x-echo"));
        return RawResponse.json(200, echoed).withHeader("x-echo-events", Integer.toString(next.events().size()));
    }

    @Override
    protected void onRawWebSocketOpen(RawSocket socket) {
        update(state -> state.with("raw-open " + socket.request().path()));
        socket.send("welcome");
    }

    @Override
    protected void onRawWebSocketMessage(RawSocket socket, String message) {
        update(state -> state.with("raw-got:" + message));
        if (message.equals("close")) {
            socket.close();
        } else {
            socket.send(message);
        }
    }

    @Override
    protected void onRawWebSocketClose(RawSocket socket, ActorError reason) {
        update(state -> state.with("raw-closed:" + reason.qualifiedCode()));
    }

    @Override
    public List<String> seen() {
        return state().events();
    }
}
