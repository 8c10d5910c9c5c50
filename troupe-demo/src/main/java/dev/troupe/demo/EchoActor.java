package dev.troupe.demo;

import dev.troupe.Actor;
import dev.troupe.ActorError;
import dev.troupe.Channel;
import dev.troupe.Input;
import dev.troupe.UserException;
import dev.troupe.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Implements {@link Echo}. The first message of a channel decides its open: {@code {"reject":"why"}}
 * rejects it with that reason ({@code user/refused}), {@code {"acceptAfterMs":n}} accepts after n
 * milliseconds (to try a client's timeout; at most 10 s, since the wait holds the echo's turn),
 * anything else accepts it at once; an accepted channel gets {@code "welcome"}. On an open channel, {@code "close"} makes the echo close it,
 * {@code "destroy"} destroys the echo, and anything else comes back unchanged.
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
    public List<String> seen() {
        return state().events();
    }
}
