package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.ReplyHandle;
import dev.troupe.TypeOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Implements {@link Recorder}; its open questions are reply handles kept in the state. Not final:
 * {@link LoopRecorderActor} takes the same queue messages with a run loop.
 */
public class RecorderActor extends Actor<RecorderActor.State> implements Recorder {
    /** The queue its {@link #onQueueMessage} records from; declare it with {@link #options}. */
    public static final String QUEUE = "jobs";
    /** How often the handler ran per {@code recorderKey/from/n}, failed attempts included. */
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

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

    /** Declares {@link #QUEUE}. */
    public static void options(TypeOptions options) {
        options.queues(QUEUE);
    }

    /** How many times the handler ran for message {@code n} from {@code from} at the recorder {@code key}. */
    public static int attempts(String key, String from, long n) {
        AtomicInteger count = ATTEMPTS.get(key + "/" + from + "/" + n);
        return count == null ? 0 : count.get();
    }

    /**
     * Records a queue message {@code {from, n}} like {@link #record}. A message with {@code failures: k}
     * changes the state, then throws, on its first {@code k} attempts: the change must be discarded.
     */
    @Override
    protected void onQueueMessage(String queue, Object message) {
        Map<?, ?> fields = (Map<?, ?>) message;
        String from = (String) fields.get("from");
        long n = ((Number) fields.get("n")).longValue();
        int attempt = ATTEMPTS.computeIfAbsent(key().parts().getFirst() + "/" + from + "/" + n,
                k -> new AtomicInteger()).incrementAndGet();
        record(from, n);
        Object failures = fields.get("failures");
        if (failures != null && attempt <= ((Number) failures).intValue()) {
            throw new IllegalStateException("queue message " + n + " from " + from + " fails on attempt " + attempt);
        }
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
