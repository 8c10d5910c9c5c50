package dev.troupe.demo.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of a conversation's running children about one message. It starts with every child
 * that was running when the message was stored as {@code pending}, and is {@code complete} once each
 * answered, failed, or the deadline passed; {@code partial} if any of them did not answer.
 *
 * @param messageId the message the rollup is attached to
 * @param answers   each child's answer, by child name
 * @param pending   the children not heard from yet
 * @param complete  whether the rollup is closed (late answers are dropped)
 * @param partial   whether a child failed or timed out
 */
public record Rollup(String messageId, Map<String, ChildAnswer> answers, List<String> pending, boolean complete,
                     boolean partial) {
    /** Freezes the fields. */
    public Rollup {
        answers = Map.copyOf(answers);
        pending = List.copyOf(pending);
    }

    static Rollup waitingFor(String messageId, List<String> children) {
        return new Rollup(messageId, Map.of(), children, false, false);
    }

    /** With {@code child}'s answer; closed when it was the last pending one. */
    Rollup with(String child, ChildAnswer answer) {
        Map<String, ChildAnswer> more = new LinkedHashMap<>(answers);
        more.put(child, answer);
        List<String> left = pending.stream().filter(name -> !name.equals(child)).toList();
        boolean closed = left.isEmpty();
        return new Rollup(messageId, more, left, closed,
                closed && more.values().stream().anyMatch(a -> !ChildAnswer.OK.equals(a.status())));
    }

    /** Closed at the deadline: whoever is still pending timed out. */
    Rollup closed() {
        Map<String, ChildAnswer> all = new LinkedHashMap<>(answers);
        pending.forEach(child -> all.put(child, ChildAnswer.timedOut()));
        return new Rollup(messageId, all, List.of(), true, partial || !pending.isEmpty());
    }
}
