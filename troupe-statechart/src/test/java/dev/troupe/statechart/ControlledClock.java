package dev.troupe.statechart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's delays under a test's control: performs {@link Action.Schedule} and {@link Action.Cancel} as
 * XState's scheduler does with a test clock (a schedule under an id already pending keeps the older
 * timer running; a cancel drops the latest), and delivers due events in order of due time, then of
 * scheduling. Mirrors {@code TestClock} in {@code src/test/node/run-traces.mjs}.
 */
final class ControlledClock {
    private record Timer(long sequence, long due, String id, ObjectNode event) {}

    private final List<Timer> timers = new ArrayList<>();
    private final Map<String, Long> latestById = new HashMap<>();
    private long now;
    private long sequence;

    /** Performs the delay actions among {@code actions}. */
    void perform(List<Action> actions) {
        for (Action action : actions) {
            if (action instanceof Action.Schedule schedule) {
                long seq = sequence++;
                timers.add(new Timer(seq, now + schedule.delayMillis(), schedule.id(), schedule.event()));
                latestById.put(schedule.id(), seq);
            } else if (action instanceof Action.Cancel cancel) {
                Long seq = latestById.remove(cancel.id());
                if (seq != null) {
                    timers.removeIf(timer -> timer.sequence() == seq);
                }
            }
        }
    }

    /** Removes and returns the next event due by {@code now + millis}, moving the clock to it. */
    Optional<ObjectNode> nextDue(long target) {
        Optional<Timer> next = timers.stream()
                .filter(timer -> timer.due() <= target)
                .min(Comparator.comparingLong(Timer::due).thenComparingLong(Timer::sequence));
        next.ifPresent(timer -> {
            timers.remove(timer);
            latestById.remove(timer.id());
            now = timer.due();
        });
        return next.map(Timer::event);
    }

    long now() {
        return now;
    }

    void moveTo(long target) {
        now = target;
    }
}
