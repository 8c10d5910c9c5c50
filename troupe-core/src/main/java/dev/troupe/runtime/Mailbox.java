package dev.troupe.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * The mailbox and turn loop of one activation.
 *
 * Messages are appended under the monitor. The first message that finds the mailbox idle starts a
 * virtual thread that drains it, one message = one turn, and ends when the mailbox is empty. So an
 * actor costs no thread while idle, and at most one thread runs its turns at a time: turns never
 * overlap (read-only actions aside, which run on their caller's thread against the last completed
 * state).
 *
 * Closing happens on the draining thread: it marks the mailbox closed under the monitor and hands back
 * what was still queued, which the runtime routes to a fresh activation. A message can therefore
 * never be stranded in a closed mailbox. Each accepted message counts as work in flight (Quiescence)
 * until its turn is over, or, if it is handed back, until it has been routed on. A mailbox that empties while its actor is not loaded (the
 * message found nothing to do, or failed to load it) closes itself.
 *
 * Activation extends this class rather than holding one, so that an idle actor costs one object.
 */
abstract class Mailbox {
    private @Nullable ArrayDeque<Message> queue;
    private boolean running;
    private boolean closed;

    /**
     * Queues a message; the first one that finds the mailbox idle starts draining it.
     *
     * @return false if this mailbox has closed; route the message to a fresh activation
     */
    final boolean send(Message message) {
        boolean start;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            queue.add(message);
            quiescence().started();
            start = !running;
            running = true;
        }
        if (!(message instanceof Message.Sleep)) {
            used();
        }
        if (start) {
            startDraining(this::drain);
        }
        return true;
    }

    private void drain() {
        while (true) {
            Message message;
            boolean loaded = loaded();
            synchronized (this) {
                message = queue.poll();
                if (message == null) {
                    queue = null;
                    running = false;
                    closed = !loaded;
                }
            }
            if (message == null) {
                if (!loaded) {
                    closedEmpty();
                }
                return;
            }
            process(message);
            quiescence().ended(1);
            if (closed) {
                return;
            }
        }
    }

    /** Whether messages are waiting behind the one being handled. */
    final synchronized boolean hasQueued() {
        return queue != null && !queue.isEmpty();
    }

    /**
     * Closes the mailbox from the draining thread.
     *
     * @return {@code current} (if not null) followed by every message still queued, to re-route
     */
    final List<Message> closeMailbox(@Nullable Message current) {
        List<Message> leftovers = new ArrayList<>();
        if (current != null) {
            leftovers.add(current);
        }
        synchronized (this) {
            closed = true;
            if (queue != null) {
                leftovers.addAll(queue);
            }
            queue = null;
            running = false;
        }
        return leftovers;
    }

    /** Handles one message as one turn (or none), on the draining thread. */
    abstract void process(Message message);

    /** Whether the actor is loaded; read on the draining thread before it looks for the next message. */
    abstract boolean loaded();

    /** A message other than a sleep request arrived: the actor was used now. */
    abstract void used();

    /** Where the mailbox counts its messages as work in flight, from acceptance to the end of their turn. */
    abstract Quiescence quiescence();

    /** Starts a thread running {@code drain}. */
    abstract void startDraining(Runnable drain);

    /** The mailbox emptied while the actor was not loaded, and closed. */
    abstract void closedEmpty();
}
