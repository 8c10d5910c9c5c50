package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.ChildInfo;
import dev.troupe.Key;
import dev.troupe.SupervisorStrategy;
import dev.troupe.SupervisorStrategy.Directive;
import dev.troupe.TroupeException;
import dev.troupe.UserException;
import dev.troupe.json.Json;
import dev.troupe.host.Address;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Supervision trees: the links between parents and children and what happens along them.
 *
 *   failure   a turn of a child fails (see isFailure): the child's turn thread routes a ChildFailed
 *             message to the parent, whose turn runs onChildFailed and then the strategy decided here;
 *   strategy  restart (after a backoff, on the runtime's clock; all-for-one restarts every child),
 *             stop (destroy the child), escalate (report the failure as the parent's own to its
 *             parent), resume (nothing); a child restarted maxRestarts times within the window
 *             escalates instead;
 *   finish    a child's finishing turn commits its result as a one-way message to its parent (the
 *             outbox: delivered once, after a crash too) with a durable destroy marker; the child is
 *             destroyed, then its parent runs onChildFinished (waiting for the destroy if need be);
 *   subtree   destroying an actor with children first commits a durable "#destroy" schedule on it,
 *             then destroys its children (each its own children first), then itself; if the process
 *             dies mid-way, the schedule fires after the restart and the destroy resumes.
 *
 * The link itself is the child's ActorRecord.parentId, written with the child by Store.create.
 * Failure reports travel as messages in memory: a failure that a crash overtakes is not delivered (a
 * crash rebuilds every activation anyway, which is what a restart does). Results are durable.
 *
 * One Supervisor serves every activation of a runtime; it keeps the restart windows of children.
 */
final class Supervisor {
    /** The action name of the schedule that marks a destroy in progress; no Java method can have it. */
    static final String DESTROY_MARKER = "#destroy";
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int PAGE = 1_000;

    private final ActorRuntime runtime;
    private final RestartWindows windows = new RestartWindows();

    Supervisor(ActorRuntime runtime) {
        this.runtime = runtime;
    }

    /** The key of the child {@code name} of the actor {@code parentId}. */
    static Key childKey(String parentId, String name) {
        return Key.of(parentId, name);
    }

    /** A child as its parent sees it. */
    static ChildInfo info(ActorRecord record) {
        return new ChildInfo(childName(record.key()), record.type(), record.key(), record.id(), record.createdAt());
    }

    static ChildInfo info(Activation child) {
        return new ChildInfo(childName(child.address().key()), child.type().name(), child.address().key(),
                child.id(), child.info().createdAt());
    }

    private static String childName(Key key) {
        return key.size() == 2 ? key.part(1) : key.toString();
    }

    /**
     * Whether a turn that threw {@code thrown} is a failure its actor's parent hears of: an action, a
     * schedule, a timer or {@code onWake} that threw anything but a {@link UserException}.
     */
    static boolean isFailure(TurnKind kind, String operation, Throwable thrown) {
        if (thrown instanceof UserException) {
            return false;
        }
        return switch (kind) {
            case ACTION, READ_ONLY, SCHEDULE, TIMER -> true;
            case HOOK -> operation.equals("#onWake");
            default -> false;
        };
    }

    // ---- failures -----------------------------------------------------------------------------

    /** A turn of {@code child} failed with {@code error}: tell its parent, if it has one. */
    void failed(Activation child, String turn, TroupeException error) {
        String parentId = child.parentId();
        if (parentId == null) {
            return;
        }
        Optional<Address> parent;
        try {
            parent = runtime.resolve(parentId);
        } catch (RuntimeException e) {
            LOG.error("cannot find the parent {} of {} to report its failure", parentId, child.address(), e);
            return;
        }
        if (parent.isEmpty()) {
            LOG.warn("{} failed in {}, but its parent {} no longer exists", child.address(), turn, parentId);
            return;
        }
        runtime.route(parent.get(), new Message.ChildFailed(info(child), error, turn, null));
    }

    /** What the parent's strategy does about a failure, and how many restarts the child had before it. */
    record Decision(Directive directive, int restarts) {
    }

    Decision decide(Activation parent, Message.ChildFailed failed) {
        SupervisorStrategy strategy = parent.type().supervision();
        int restarts = windows.count(failed.child().id(), runtime.time().instant(), strategy.window());
        Directive directive = strategy.directive();
        if (directive == Directive.RESTART && restarts >= strategy.maxRestarts()) {
            LOG.warn("{} failed after {} restarts within {}; escalating", failed.child().key(), restarts,
                    strategy.window());
            directive = Directive.ESCALATE;
        }
        return new Decision(directive, restarts);
    }

    /** Carries out {@code decision}, after the parent's {@code onChildFailed} ran. */
    void apply(Activation parent, Message.ChildFailed failed, Decision decision) {
        ChildInfo child = failed.child();
        Address address = new Address(child.type(), child.key());
        SupervisorStrategy strategy = parent.type().supervision();
        switch (decision.directive()) {
            case RESUME -> LOG.debug("{} resumes after failing in {}", address, failed.turn());
            case STOP -> {
                CompletableFuture<Void> done = new CompletableFuture<>();
                done.whenComplete((ignored, error) -> logIfFailed(error, "stop", address));
                runtime.route(address, new Message.Destroy(done));
            }
            case RESTART -> restart(parent, address, child.id(), strategy, decision.restarts());
            case ESCALATE -> escalate(parent, failed);
        }
    }

    private void restart(Activation parent, Address child, String childId, SupervisorStrategy strategy, int restarts) {
        windows.record(childId, runtime.time().instant());
        Duration delay = strategy.backoffFor(restarts + 1, ThreadLocalRandom.current().nextDouble());
        List<Address> targets = strategy.allForOne() ? childrenOf(parent.id()) : List.of(child);
        LOG.info("restarting {} in {}", strategy.allForOne() ? "the children of " + parent.address() : child, delay);
        runtime.timers().after(delay, () -> {
            for (Address target : targets) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                done.whenComplete((ignored, error) -> logIfFailed(error, "restart", target));
                runtime.route(target, new Message.Restart(strategy.restartsFromInitialState(), done));
            }
        });
    }

    private void escalate(Activation parent, Message.ChildFailed failed) {
        if (parent.parentId() == null) {
            LOG.error("{} escalated the failure of its child {} in {}, but it is the root of its tree: {}",
                    parent.address(), failed.child().key(), failed.turn(), failed.error().getMessage());
            return;
        }
        failed(parent, "#escalated", failed.error());
    }

    private List<Address> childrenOf(String parentId) {
        List<Address> addresses = new ArrayList<>();
        for (ActorRecord record : runtime.store().children(parentId, Integer.MAX_VALUE)) {
            addresses.add(new Address(record.type(), record.key()));
        }
        return addresses;
    }

    private static void logIfFailed(@Nullable Throwable error, String what, Address address) {
        if (error != null) {
            LOG.error("the supervisor's {} of {} failed", what, address, error);
        }
    }

    // ---- results and ends ---------------------------------------------------------------------

    /**
     * The finishing turn of {@code child} completed: queues the report of its result to its parent in
     * that turn (written with its commit) and the durable destroy marker with it, so that after a crash
     * the destroy resumes and the parent still hears of the result, once. Turn thread of the child.
     */
    void reportFinish(Activation child, Turn turn) {
        String parentId = child.parentId();
        if (parentId != null) {
            Optional<Address> parent = runtime.resolve(parentId);
            if (parent.isPresent()) {
                turn.report(new Turn.Send(parent.get(), ChildReports.FINISHED,
                        ChildReports.encodeFinish(info(child), turn.finishResult())));
            } else {
                LOG.warn("{} finished, but its parent {} no longer exists", child.address(), parentId);
            }
        }
        turn.addScheduleChange(new ScheduleChange.Put(
                new ScheduleRecord(Ids.next(), child.id(), runtime.time().instant(), DESTROY_MARKER, "[]")));
    }

    /**
     * Before {@code parent} runs {@code onChildFinished} for {@code report}: waits until the child is
     * destroyed, destroying it if a crash interrupted its destroy, so that the hook always finds the
     * child gone. A destroy that fails is logged; the child's destroy marker retries it.
     */
    void awaitDestroyed(Activation parent, OutboxMessage report) {
        ChildInfo child;
        try {
            child = ChildReports.finishedChild(Json.mapper().readTree(report.args()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a finish report that is not JSON: " + report.id(), e);
        }
        if (runtime.store().findById(child.id()).isEmpty()) {
            return;
        }
        Address address = new Address(child.type(), child.key());
        CompletableFuture<Void> done = new CompletableFuture<>();
        runtime.route(address, new Message.Destroy(done));
        try {
            runtime.awaitReply(done, address);
        } catch (TroupeException e) {
            LOG.error("{} could not destroy its finished child {} before hearing its result; its destroy marker "
                    + "retries it", parent.address(), address, e);
        }
    }

    /** The actor {@code id} is gone: forget its restarts. */
    void forget(String id) {
        windows.forget(id);
    }

    /**
     * Destroys every child of {@code parent} (each its own children first), after committing the
     * durable marker that resumes this after a crash. Runs on the parent's turn thread, with nothing
     * of the parent pending.
     *
     * @throws TroupeException if a child could not be destroyed, or the parent is fenced
     */
    void destroyChildren(Activation parent) {
        List<ActorRecord> children = runtime.store().children(parent.id(), PAGE);
        if (children.isEmpty()) {
            return;
        }
        markDestroying(parent);
        while (!children.isEmpty()) {
            List<CompletableFuture<Void>> replies = new ArrayList<>(children.size());
            for (ActorRecord child : children) {
                CompletableFuture<Void> reply = new CompletableFuture<>();
                runtime.route(new Address(child.type(), child.key()), new Message.Destroy(reply));
                replies.add(reply);
            }
            for (int i = 0; i < replies.size(); i++) {
                ActorRecord child = children.get(i);
                runtime.awaitReply(replies.get(i), new Address(child.type(), child.key()));
            }
            children = runtime.store().children(parent.id(), PAGE);
        }
    }

    private void markDestroying(Activation parent) {
        Instant now = runtime.time().instant();
        ScheduleRecord marker = new ScheduleRecord(Ids.next(), parent.id(), now, DESTROY_MARKER, "[]");
        CommitResult result = runtime.store().commit(List.of(new ActorWrite(parent.id(), parent.epoch(), null,
                parent.type().stateVersion(), List.of(new ScheduleChange.Put(marker)))));
        if (!result.fenced().isEmpty()) {
            parent.fencedNow();
            throw ActivationErrors.fenced(parent.address());
        }
    }
}
