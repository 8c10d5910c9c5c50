package dev.troupe;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The handle of an actor's run loop ({@link Actor#run}), RivetKit's {@code run} with
 * {@code c.queue.next()}: a long-running piece of code that runs while the actor is awake and takes
 * the messages of its queues one at a time.
 *
 * <p>Each message {@link #next} returns opens a turn of its own: from that return until the loop's next
 * call to {@code next} (or until {@code run} returns or throws), the loop runs inside that message's
 * turn and may use everything a turn may ({@code state()}, {@code update}, {@code send},
 * {@code enqueue}, {@code broadcast}, schedules). The turn commits, removing the message from its
 * queue in the same transaction, when the loop asks for the next message; if the loop throws
 * instead, the turn is discarded and the message stays queued for redelivery. While the loop waits in
 * {@code next} it holds no turn: actions, schedules and other messages run in between, and the actor
 * may fall asleep. Outside a message's turn the loop may not touch the state.
 *
 * <p>The loop stops when the actor sleeps, is destroyed or the runtime shuts down: {@code next}
 * then returns empty at once, {@link #stopping()} turns true, and the loop's thread is interrupted;
 * {@code run} should return. It starts again when the actor wakes. See {@code docs/queues.md}.
 *
 * <p>Only the loop's own thread may call {@link #next}; the other methods are thread-safe.
 */
public interface RunLoop {

    /**
     * Waits up to {@code timeout} for the next message of queue {@code queue} and returns it inside a
     * turn of its own, committing the turn of the message taken before (if any) first.
     *
     * @return the message, or empty after {@code timeout} or once the loop is {@linkplain #stopping()
     *         stopping}
     * @throws TroupeException       {@code queue/not_found} if the type declares no such queue
     * @throws IllegalStateException if called from another thread than the loop's
     */
    Optional<QueueMessage> next(String queue, Duration timeout);

    /** Like {@link #next(String, Duration)}, for the next message of any of the type's queues. */
    Optional<QueueMessage> next(Duration timeout);

    /** Whether the loop has been asked to stop (sleep, destroy, shutdown): {@code run} should return. */
    boolean stopping();

    /** Keeps the actor awake until {@code work} completes, as {@link Actor#waitUntil} does in a turn. */
    void waitUntil(CompletionStage<?> work);

    /** Keeps the actor awake for at least {@code duration} from now, as {@link Actor#keepAwake} does. */
    void keepAwake(Duration duration);

    /**
     * The messages of queue {@code queue} as they come, each in a turn of its own as {@link #next}
     * returns them; the iteration ends when the loop is stopping.
     */
    default Iterable<QueueMessage> messages(String queue) {
        return () -> new Iterator<>() {
            private @Nullable QueueMessage ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && !stopping()) {
                    ahead = RunLoop.this.next(queue, Duration.ofMinutes(1)).orElse(null);
                }
                return ahead != null;
            }

            @Override
            public QueueMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the run loop is stopping");
                }
                QueueMessage taken = ahead;
                ahead = null;
                return taken;
            }
        };
    }
}
