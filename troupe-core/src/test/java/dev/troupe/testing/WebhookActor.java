package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.RawRequest;
import dev.troupe.RawResponse;
import dev.troupe.RawSocket;
import dev.troupe.TroupeException;
import dev.troupe.UserException;
import java.util.ArrayList;
import java.util.List;

/**
 * Implements {@link Webhook}. Raw HTTP: {@code /hook} records the request and answers the new count,
 * {@code /fail} changes the state and then throws, {@code /refuse} throws a user error, {@code /bytes}
 * echoes the body as {@code application/octet-stream}; any other path is {@code raw/not_handled}. Raw
 * WebSocket: {@code /refuse} is refused; on others each text message is recorded and echoed with the
 * count, {@code "bye"} closes the socket.
 */
public final class WebhookActor extends Actor<WebhookActor.State> implements Webhook {

    /** The state: the hit count and the log. */
    public record State(long hits, List<String> log) {
        State with(String entry) {
            List<String> next = new ArrayList<>(log);
            next.add(entry);
            return new State(hits + 1, List.copyOf(next));
        }
    }

    @Override
    protected State initialState(Input input) {
        return new State(0, List.of());
    }

    @Override
    public long hits() {
        return state().hits();
    }

    @Override
    public List<String> entries() {
        return state().log();
    }

    @Override
    protected RawResponse onRequest(RawRequest request) {
        return switch (request.path()) {
            case "/hook" -> {
                State next = update(s -> s.with(request.method() + " " + request.path()
                        + (request.query().isEmpty() ? "" : "?" + request.query()) + " " + request.text()));
                yield RawResponse.text(201, "hits=" + next.hits()).withHeader("x-hits", Long.toString(next.hits()));
            }
            case "/fail" -> {
                update(s -> s.with("lost"));
                throw new IllegalStateException("the handler broke after changing the state");
            }
            case "/refuse" -> throw new UserException("refused", "not today");
            case "/bytes" -> RawResponse.of(200, "application/octet-stream", request.body());
            default -> throw new TroupeException(ErrorCode.RAW_NOT_HANDLED, "no such hook: " + request.path());
        };
    }

    @Override
    protected void onRawWebSocketOpen(RawSocket socket) {
        if (socket.request().path().equals("/refuse")) {
            throw new UserException("refused", "no sockets here");
        }
        update(s -> s.with("open " + socket.request().path()));
        socket.send("welcome");
    }

    @Override
    protected void onRawWebSocketMessage(RawSocket socket, String message) {
        if (message.equals("bye")) {
            socket.close();
            return;
        }
        if (message.equals("boom")) {
            update(s -> s.with("lost"));
            throw new IllegalStateException("the message handler broke");
        }
        State next = update(s -> s.with("ws:" + message));
        socket.send(message + "#" + next.hits());
    }

    @Override
    protected void onRawWebSocketClose(RawSocket socket, ActorError reason) {
        update(s -> s.with("closed:" + reason.qualifiedCode()));
    }
}
