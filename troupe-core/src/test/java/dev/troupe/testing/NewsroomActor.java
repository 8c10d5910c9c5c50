package dev.troupe.testing;

import dev.troupe.AccessRule;
import dev.troupe.Actor;
import dev.troupe.CallerType;
import dev.troupe.Input;
import dev.troupe.TypeOptions;
import java.util.Map;

/** Implements {@link Newsroom}; its state is the message count. */
public final class NewsroomActor extends Actor<Long> implements Newsroom {
    /** The event every client may receive. */
    public static final String POSTED = "message-posted";
    /** The event only service and system callers receive. */
    public static final String AUDIT = "audit";

    /**
     * Declares the events and validates them (the test kit does by default; a runtime only when asked),
     * and lets clients create, connect, call and receive {@link #POSTED} only.
     */
    public static void options(TypeOptions type) {
        type.event(POSTED, MessagePosted.class).event(AUDIT, String.class).validateEvents(true)
                .allow(CallerType.CLIENT, AccessRule.CREATE, AccessRule.CONNECT, "post", "postBroken", "postUndeclared", "count",
                        AccessRule.event(POSTED));
    }

    @Override
    protected Long initialState(Input input) {
        return 0L;
    }

    @Override
    public long post(String author, String text) {
        long next = state() + 1;
        setState(next);
        broadcast(POSTED, new MessagePosted(author, text, next));
        broadcast(AUDIT, author + " posted #" + next);
        return next;
    }

    @Override
    public long postBroken(String author) {
        long next = state() + 1;
        setState(next);
        broadcast(POSTED, Map.of("author", author, "seq", "not a number"));
        return next;
    }

    @Override
    public long postUndeclared() {
        long next = state() + 1;
        setState(next);
        broadcast("gossip", "psst");
        return next;
    }

    @Override
    public void gossipNow() {
        broadcastNow("gossip", "psst");
    }

    @Override
    public long count() {
        return state();
    }
}
