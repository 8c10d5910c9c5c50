package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.ReplyHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Implements {@link Recorder}; its open questions are reply handles kept in the state. */
public final class RecorderActor extends Actor<RecorderActor.State> implements Recorder {
    /** The state: the last number per sender, counts, and the open questions. */
    public record State(Map<String, Long> last, long total, long outOfOrder, List<ReplyHandle> questions) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(Map.of(), 0, 0, List.of());
    }

    @Override
    public void record(String from, long n) {
        update(s -> {
            Map<String, Long> last = new HashMap<>(s.last());
            long previous = last.getOrDefault(from, 0L);
            last.put(from, n);
            return new State(last, s.total() + 1, s.outOfOrder() + (n == previous + 1 ? 0 : 1), s.questions());
        });
    }

    @Override
    public void refuse(String why) {
        throw new IllegalStateException("refused: " + why);
    }

    @Override
    public long last(String from) {
        return state().last().getOrDefault(from, 0L);
    }

    @Override
    public long total() {
        return state().total();
    }

    @Override
    public long outOfOrder() {
        return state().outOfOrder();
    }

    @Override
    public String ask(String question) {
        ReplyHandle handle = deferReply();
        update(s -> {
            List<ReplyHandle> open = new ArrayList<>(s.questions());
            open.add(handle);
            return new State(s.last(), s.total(), s.outOfOrder(), open);
        });
        return "ignored: the reply is deferred";
    }

    @Override
    public boolean answer(String text) {
        if (state().questions().isEmpty()) {
            return false;
        }
        ReplyHandle oldest = state().questions().getFirst();
        update(s -> new State(s.last(), s.total(), s.outOfOrder(), s.questions().subList(1, s.questions().size())));
        return reply(oldest, text);
    }
}
