package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.ActorError;
import dev.troupe.Channel;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Implements {@link Lobby}. On the open message {@code "reject"} it rejects with the reason "the lobby
 * is full" ({@code user/full}); on {@code "hang"} it waits, inside {@code onChannelOpen}, until a test
 * calls {@link #release} for its key's first part; otherwise it accepts and sends {@code "welcome"}.
 * A channel message {@code "close"} closes that channel, {@code "ping:x"} answers {@code "pong:x"}.
 */
public final class LobbyActor extends Actor<LobbyActor.State> implements Lobby {
    private static final Map<String, CountDownLatch> HUNG = new ConcurrentHashMap<>();

    /** The state: the log. */
    public record State(List<String> log) {
        State with(String line) {
            List<String> next = new ArrayList<>(log);
            next.add(line);
            return new State(List.copyOf(next));
        }
    }

    /** Lets a lobby of key {@code key} waiting in {@code onChannelOpen} go on (and accept). */
    public static void release(String key) {
        HUNG.computeIfAbsent(key, ignored -> new CountDownLatch(1)).countDown();
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    @Override
    protected void onChannelOpen(Channel channel, @Nullable Object message) {
        if ("reject".equals(message)) {
            throw new UserException("full", "the lobby is full");
        }
        if ("hang".equals(message)) {
            try {
                if (!HUNG.computeIfAbsent(key().part(0), ignored -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        update(s -> s.with("open:" + message));
        channel.send("welcome");
    }

    @Override
    protected void onChannelMessage(Channel channel, @Nullable Object message) {
        update(s -> s.with("got:" + message));
        if ("close".equals(message)) {
            channel.close();
        } else if (message instanceof String text && text.startsWith("ping:")) {
            channel.send("pong:" + text.substring(5));
        }
    }

    @Override
    protected void onChannelClosed(Channel channel, ActorError reason) {
        update(s -> s.with("closed:" + reason.qualifiedCode()));
    }

    @Override
    public List<String> events() {
        return state().log();
    }

    @Override
    public void broadcastOnChannels(String message) {
        channels().forEach(channel -> channel.send(message));
    }

    @Override
    public void closeChannels() {
        channels().forEach(Channel::close);
    }

    @Override
    public int openChannels() {
        return channels().size();
    }

    @Override
    public void leave() {
        destroy();
    }
}
