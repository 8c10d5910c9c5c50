package dev.troupe.server.testing;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Connection;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Implements {@link Board}. The view of a caller is {@code {"posts":[…],"mine":[…the caller's notes]}}.
 * {@code onBeforeConnect} refuses params {@code {"deny":true}} with {@code user/refused}.
 */
public final class BoardActor extends Actor<BoardActor.State> implements Board {
    /** The state: public posts and private notes by caller id. */
    public record State(List<String> posts, Map<String, List<String>> notes) {
    }

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @Override
    protected State initialState(Input input) {
        return new State(List.of(), Map.of());
    }

    @Override
    protected void onBeforeConnect(Map<String, Object> params, Caller caller) {
        if (Boolean.TRUE.equals(params.get("deny"))) {
            throw new UserException("refused", "this board refuses you");
        }
    }

    @Override
    protected void onConnect(Connection connection) {
        opened.incrementAndGet();
        Object greeting = connection.params().get("greeting");
        if (greeting != null) {
            connection.send("greeted", greeting);
        }
    }

    @Override
    protected void onDisconnect(Connection connection) {
        closed.incrementAndGet();
    }

    /** A caller whose view cannot be computed: its view throws, as a buggy view would. */
    public static final String VIEW_BREAKER = "view-breaker";

    @Override
    protected Object view(State state, Caller caller) {
        if (VIEW_BREAKER.equals(caller.id())) {
            throw new IllegalStateException("no view for " + caller.id());
        }
        return Map.of("posts", state.posts(), "mine", state.notes().getOrDefault(caller.id(), List.of()));
    }

    @Override
    public int post(String text) {
        State next = update(s -> {
            List<String> posts = new ArrayList<>(s.posts());
            posts.add(text);
            return new State(List.copyOf(posts), s.notes());
        });
        broadcast("posted", text);
        return next.posts().size();
    }

    @Override
    public void note(String text) {
        String who = caller().id();
        update(s -> {
            Map<String, List<String>> notes = new HashMap<>(s.notes());
            List<String> mine = new ArrayList<>(notes.getOrDefault(who, List.of()));
            mine.add(text);
            notes.put(who, List.copyOf(mine));
            return new State(s.posts(), Map.copyOf(notes));
        });
    }

    @Override
    public List<String> posts() {
        return state().posts();
    }

    @Override
    public void shout(String payload, int times) {
        for (int i = 0; i < times; i++) {
            broadcast("shout", payload);
        }
    }

    @Override
    public List<Integer> connectionCounts() {
        return List.of(opened.get(), closed.get());
    }
}
