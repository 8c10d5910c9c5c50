package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;
import dev.troupe.TroupeException;
import dev.troupe.history.History;
import dev.troupe.history.HistoryTail;
import dev.troupe.host.Address;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.Outbox;
import dev.troupe.server.wire.WireErrors;
import dev.troupe.store.HistoryEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One WebSocket's subscription to its actor's history ({"type":"history","id":n,"from":s}).
 *
 * It runs on a virtual thread of its own, since asking the runtime for the history reads the store and
 * following it blocks: first the runtime authorises #history for the connection's caller (a refusal
 * is an error frame with the subscription's id, and nothing of the history is sent), then a result
 * frame {"actorId","from"} acknowledges it, then history frames carry the entries, in seq order, a page
 * at a time: the backlog first, then each entry once durable (HistoryTail). A page is read only after
 * the previous history frame has been written, so a subscription holds at most one frame of the
 * outbound queue, however long the backlog, and a slow reader slows only its own subscription.
 *
 * It ends when the socket closes or the client sends {"type":"stopHistory"} (stop() interrupts the
 * thread), or with an error frame with its id if the chain cannot be followed any more
 * (history/not_retained: retention dropped entries it had not yet sent); the socket stays open then.
 */
final class HistorySubscription {
    private static final Logger LOG = LoggerFactory.getLogger(HistorySubscription.class);
    /** Entries a history frame holds at most. */
    static final int PAGE = 100;
    /**
     * How long a follower waits for this runtime's commit signal before reading the store again:
     * commits made by another node of a cluster signal nobody here.
     */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final Gateway gateway;
    private final Address address;
    private final Caller caller;
    private final JsonNode id;
    private final long from;
    private final Outbox outbox;
    private final BiConsumer<JsonNode, TroupeException> failed;
    private final Thread thread;
    /** Set by stop(): a failure after it is the interruption's doing and is not reported. */
    private volatile boolean stopped;

    private HistorySubscription(Gateway gateway, Address address, Caller caller, JsonNode id, long from, Outbox outbox,
                                BiConsumer<JsonNode, TroupeException> failed) {
        this.gateway = gateway;
        this.address = address;
        this.caller = caller;
        this.id = id;
        this.from = from;
        this.outbox = outbox;
        this.failed = failed;
        this.thread = Thread.ofVirtual().name("ws-history-" + address).unstarted(this::run);
    }

    /**
     * Starts following the history of {@code address} for {@code caller} from seq {@code from} (0: the
     * oldest retained entry); {@code failed} sends the error frame that ends it.
     */
    static HistorySubscription start(Gateway gateway, Address address, Caller caller, JsonNode id, long from,
                                     Outbox outbox, BiConsumer<JsonNode, TroupeException> failed) {
        HistorySubscription subscription = new HistorySubscription(gateway, address, caller, id, from, outbox, failed);
        subscription.thread.start();
        return subscription;
    }

    /** Whether it still follows the history. */
    boolean running() {
        return thread.isAlive();
    }

    /** Stops following; returns at once. */
    void stop() {
        stopped = true;
        thread.interrupt();
    }

    /**
     * Stops following and returns once the subscription has offered its last frame: whatever is sent
     * after this returns comes after every history frame of it.
     */
    void stopAndWait() {
        stop();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            History history = gateway.host().history(address, caller);
            HistoryTail tail = history.tail(from);
            ObjectNode started = Json.mapper().createObjectNode().put("actorId", history.actorId()).put("from", from);
            if (!written(Frames.result(id, started))) {
                return;
            }
            while (true) {
                List<HistoryEntry> page = tail.next(PAGE, RECHECK);
                if (!page.isEmpty() && !written(Frames.history(id, page))) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("history subscription to {} stopped", address, e);
        } catch (RuntimeException e) {
            if (stopped) {
                LOG.debug("history subscription to {} stopped", address, e);
            } else {
                failed.accept(id, WireErrors.from(e, "history of " + address));
            }
        }
    }

    /** Sends {@code frame} and waits until it is written; false if the outbox is closed (the socket is gone). */
    private boolean written(String frame) throws InterruptedException {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!outbox.offer(frame, () -> written.complete(null))) {
            return false;
        }
        try {
            written.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a write signal never fails", e);
        }
        return true;
    }
}
