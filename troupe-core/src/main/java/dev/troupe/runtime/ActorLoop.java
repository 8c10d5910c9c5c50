package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.QueueMessage;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import dev.troupe.definition.LoopContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The run loop of one activation (docs/queues.md, "The run loop"): the behaviour's run() on a virtual
 * thread of its own, started when the activation becomes active and stopped when it unloads or closes.
 *
 * How a message reaches the loop without the loop ever holding the actor's turn while it waits:
 *
 *   1. The relay routes a queue message to the mailbox as usual. Its turn does not run: the turn
 *      thread parks the Deliver in this loop's inbox (park) and goes on with the next message. The
 *      message stays in flight at the relay and in the outbox (no receipt yet).
 *   2. The loop's next(queue) takes the first parked message of that queue and sends the same Deliver
 *      to the mailbox again, marked as taken; it then waits for its turn.
 *   3. The taken Deliver's turn runs through TurnRunner.deliver like any message (the pair's order
 *      check, the receipt, the attempts of a failing queue message); its body (process) hands the turn
 *      to the loop thread, which binds it and returns the message to the loop's code, and the turn
 *      thread waits until the loop is done with it.
 *   4. The loop is done when it calls next again (the turn completes and commits the message's removal
 *      with whatever the loop changed), or when run() returns or throws (a throw discards the turn, and
 *      the message stays queued).
 *
 * So a message is processed in a turn of its own, one turn at a time, with the guarantees of a queue
 * handler (at least once, effectively once, in order per sender), and the loop's waiting is outside any
 * turn. Stopping finishes the parked deliveries (the relay delivers them again to the next
 * activation), releases a loop waiting in next, and interrupts the loop's thread.
 */
final class ActorLoop implements LoopContext {
    private static final Logger LOG = LoggerFactory.getLogger(ActorLoop.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** A message's turn handed to the loop: its context, its message, and how the loop gives it back. */
    private record Handover(Turn turn, QueueMessage message, CompletableFuture<@Nullable Throwable> done) {
    }

    private final ActorRuntime runtime;
    private final Activation activation;
    private final ActorBehaviour behaviour;
    private final ArrayDeque<Message.Deliver> inbox = new ArrayDeque<>();
    private Message.@Nullable Deliver taken;
    private @Nullable CompletableFuture<@Nullable Handover> offer;
    private CompletableFuture<@Nullable Void> signal = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile @Nullable Thread thread;
    private volatile int failures;
    private @Nullable Handover open;

    ActorLoop(ActorRuntime runtime, Activation activation, ActorBehaviour behaviour) {
        this.runtime = runtime;
        this.activation = activation;
        this.behaviour = behaviour;
    }

    /** Starts the loop's thread, unless the loop was stopped meanwhile. */
    void start() {
        if (!stopping) {
            Thread started = Thread.ofVirtual().name("troupe-loop-" + activation.address()).unstarted(this::runLoop);
            thread = started;
            started.start();
        }
    }

    private void runLoop() {
        Throwable failure = null;
        try {
            behaviour.run(this);
        } catch (Throwable e) {
            failure = e;
        }
        release(failure);
        if (stopping) {
            return;
        }
        if (failure == null) {
            LOG.debug("the run loop of {} returned; it starts again when the actor wakes", activation.address());
            return;
        }
        int failed = failures++;
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failed, 6));
        Duration delay = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
        LOG.error("the run loop of {} failed; it starts again in {}", activation.address(), delay, failure);
        runtime.timers().after(delay, this::start);
    }

    // ---- the turn thread's side -------------------------------------------------------------

    /** Whether {@code deliver} is the message the loop took and sent back to run as its turn. */
    synchronized boolean takes(Message.Deliver deliver) {
        return taken == deliver;
    }

    /** Keeps a queue message for the loop until it asks for it; a stopped loop lets the relay resend it. */
    void park(Message.Deliver deliver) {
        synchronized (this) {
            if (!stopping) {
                inbox.add(deliver);
                wake();
                return;
            }
        }
        deliver.finished();
    }

    /** The taken message was dropped (a duplicate, or out of order): the loop looks for another. */
    void dropped() {
        offered(null);
    }

    /**
     * The body of the taken message's turn: hands the turn to the loop and waits until the loop asks for
     * its next message (the turn completes) or fails (the turn is discarded with the loop's error).
     */
    void process(Turn turn, QueueMessage message) throws Exception {
        CompletableFuture<@Nullable Throwable> done = new CompletableFuture<>();
        if (!offered(new Handover(turn, message, done))) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "the run loop of " + activation.address() + " stopped");
        }
        Throwable failure = done.join();
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private boolean offered(@Nullable Handover handover) {
        CompletableFuture<@Nullable Handover> waiting;
        synchronized (this) {
            waiting = offer;
            offer = null;
            taken = null;
        }
        return waiting != null && waiting.complete(handover) && handover != null;
    }

    /** Stops the loop (the activation unloads or closes): see the class comment. */
    void stop() {
        List<Message.Deliver> parked;
        CompletableFuture<@Nullable Handover> waiting;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            parked = List.copyOf(inbox);
            inbox.clear();
            waiting = offer;
            offer = null;
            taken = null;
            wake();
        }
        parked.forEach(Message.Deliver::finished);
        if (waiting != null) {
            waiting.complete(null);
        }
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
        }
    }

    // ---- the loop thread's side -------------------------------------------------------------

    @Override
    public Optional<QueueMessage> next(String queue, Duration timeout) {
        Objects.requireNonNull(queue, "queue");
        if (!activation.type().queues().contains(queue)) {
            throw new TroupeException(ErrorCode.QUEUE_NOT_FOUND, "actor type '" + activation.type().name()
                    + "' declares no queue '" + queue + "' (declared: " + activation.type().queues() + ")",
                    Map.of("type", activation.type().name(), "queue", queue));
        }
        return take(queue, timeout);
    }

    @Override
    public Optional<QueueMessage> next(Duration timeout) {
        return take(null, timeout);
    }

    private Optional<QueueMessage> take(@Nullable String queue, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("RunLoop.next is called from the loop's own thread only");
        }
        release(null);
        TimeSource time = runtime.time();
        long deadline = time.nanoTime() + timeout.toNanos();
        TimeSource.Wakeup timer = runtime.timers().after(timeout, this::wakeNow);
        try {
            while (true) {
                Message.Deliver deliver;
                CompletableFuture<?> waiting;
                synchronized (this) {
                    if (stopping) {
                        return Optional.empty();
                    }
                    deliver = first(queue);
                    if (deliver == null) {
                        if (time.nanoTime() - deadline >= 0) {
                            return Optional.empty();
                        }
                        waiting = signal;
                    } else {
                        taken = deliver;
                        offer = new CompletableFuture<>();
                        waiting = offer;
                    }
                }
                if (deliver != null && !activation.send(deliver)) {
                    dropped();
                    deliver.finished();
                    return Optional.empty();
                }
                Object handed = await(waiting);
                if (handed instanceof Handover handover) {
                    open = handover;
                    handover.turn().bind();
                    return Optional.of(handover.message());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            timer.cancel();
        }
    }

    /** Removes and returns the first parked message of {@code queue} (of any queue if null). */
    private Message.@Nullable Deliver first(@Nullable String queue) {
        for (Iterator<Message.Deliver> it = inbox.iterator(); it.hasNext(); ) {
            Message.Deliver deliver = it.next();
            if (queue == null || queue.equals(QueueMessages.queueOf(deliver.message().action()))) {
                it.remove();
                return deliver;
            }
        }
        return null;
    }

    private static @Nullable Object await(CompletableFuture<?> waiting) throws InterruptedException {
        try {
            return waiting.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Gives the open turn back to the turn thread: it completes, or fails with {@code failure}. */
    private void release(@Nullable Throwable failure) {
        Handover handover = open;
        if (handover == null) {
            return;
        }
        open = null;
        Turn.restore(null);
        if (failure == null) {
            failures = 0;
        }
        handover.done().complete(failure);
    }

    private void wake() {
        CompletableFuture<@Nullable Void> woken = signal;
        signal = new CompletableFuture<>();
        woken.complete(null);
    }

    private synchronized void wakeNow() {
        wake();
    }

    @Override
    public @Nullable ActorContext turn() {
        Handover handover = open;
        return handover == null ? null : handover.turn();
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void waitUntil(CompletionStage<?> work) {
        activation.keepAwake(Objects.requireNonNull(work, "work"));
    }

    @Override
    public void keepAwake(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("keepAwake needs a positive duration, got " + duration);
        }
        activation.keepAwake(duration);
    }
}
