package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Delivers one-way messages from the outbox to their receivers: at least once, in order per pair.
 *
 * The store is the source of truth: a message exists in the outbox until the commit of the receiver's
 * turn that processed it removes it (its receipt), or it becomes a dead letter. The relay only moves
 * messages into mailboxes, on two paths:
 *
 *   - the fast path: when a sender's commit is durable, its messages are routed at once, in the order
 *     the sender numbered them;
 *   - the pass: every poll interval a virtual thread reads the outbox in pair and seq order and routes
 *     what is not in flight and older than one interval (younger messages are the fast path's). This
 *     is what delivers the messages of a process that crashed, and what repairs a pair whose receiver
 *     dropped messages out of order (see below).
 *
 * A message is in flight from its routing until its receiver's turn committed or dropped it; a message
 * in flight is not routed again by this relay. Duplicates are still possible (another process sharing
 * the store, a pass that read a message just before the fast path marked it), so the receiver decides:
 * it processes a message only if its seq is one more than the last it processed from that sender; it
 * drops a lower seq as a duplicate and a higher one as out of order (a gap, after the receiver reloaded
 * from a failed commit), which the next pass delivers again in order.
 *
 * A message whose receiver does not exist when it arrives becomes a dead letter, kept in the store and
 * logged; it is never dropped silently.
 */
final class MessageRelay {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRelay.class);
    private static final int PAGE = 512;

    private final ActorRuntime runtime;
    private final Store store;
    private final Duration pollInterval;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean passing = new AtomicBoolean();

    MessageRelay(ActorRuntime runtime, Duration pollInterval) {
        this.runtime = runtime;
        this.store = runtime.store();
        this.pollInterval = pollInterval;
    }

    /** Starts the passes over the outbox, every poll interval on {@code timers}. */
    void start(RuntimeTimers timers) {
        timers.every(pollInterval, this::startPass);
    }

    /** A sender's commit carrying {@code messages} is durable: route them, in order. */
    void sent(List<OutboxMessage> messages) {
        messages.forEach(this::dispatch);
    }

    /** The message's delivery ended: processed, dropped as a duplicate or out of order, or failed. */
    void finished(String messageId) {
        inFlight.remove(messageId);
    }

    /**
     * The message could not be handed to its receiver. If the receiver does not exist, the message
     * becomes a dead letter; otherwise (the runtime shuts down, another node is unreachable) it stays in
     * the outbox for a later pass. Called on the receiver's mailbox thread, in the pair's order.
     */
    void undelivered(OutboxMessage message, TroupeException error) {
        try {
            if (error.is(ErrorCode.NOT_FOUND)
                    && store.deadLetter(message, error.error().qualifiedCode() + ": " + error.getMessage(),
                    runtime.time().instant())) {
                LOG.warn("dead letter: message {} ({}) from {} to {}/{} was not delivered: {}", message.id(),
                        message.action(), message.caller(), message.receiverType(), message.receiverKey(),
                        error.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("cannot keep message {} as a dead letter; it stays in the outbox", message.id(), e);
        } finally {
            finished(message.id());
        }
    }

    private void dispatch(OutboxMessage message) {
        if (!inFlight.add(message.id())) {
            return;
        }
        if (!runtime.serves(message.receiverType())) {
            inFlight.remove(message.id());
            LOG.warn("message {} is for unregistered type '{}'; it stays until that type is served", message.id(),
                    message.receiverType());
            return;
        }
        runtime.route(new Address(message.receiverType(), message.receiverKey()), new Message.Deliver(message, this));
    }

    private void startPass() {
        if (!passing.compareAndSet(false, true)) {
            return;
        }
        runtime.quiescence().started();
        runtime.startTurnThread(() -> {
            try {
                pass();
            } catch (RuntimeException e) {
                LOG.error("message relay pass failed; retrying after {}", pollInterval, e);
            } finally {
                passing.set(false);
                runtime.quiescence().ended(1);
            }
        });
    }

    private void pass() {
        if (runtime.isClosing()) {
            return;
        }
        List<OutboxMessage> pending = store.pendingMessages(runtime.time().instant().minus(pollInterval),
                PAGE + inFlight.size());
        pending.forEach(this::dispatch);
    }
}
