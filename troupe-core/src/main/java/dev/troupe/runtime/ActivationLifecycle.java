package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.host.CreateMode;
import dev.troupe.AccessRule;
import dev.troupe.ActorError;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.json.Json;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.Store;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Brings activations to life and ends them, on their turn thread.
 *
 *   load     the first message finds the actor unloaded: claim it from the store (a new epoch) and
 *            wake it, or create it if the message may create;
 *   create   run initialState and onCreate as a turn, then insert the actor with its first schedules;
 *            a lost race for the key falls back to loading the winner (unless the message insists on
 *            creating);
 *   sleep    when idle, evicted or asked to: run onSleep, wait until everything staged is durable,
 *            close; with connections that hibernate, release the actor but keep the shell and its
 *            connections in the directory (hibernate) for the next message to wake;
 *   destroy  run onDestroy, wait until durable, delete from the store (fenced if a newer activation
 *            owns the actor), close;
 *   close    mark the mailbox closed, stop timers, terminate connections, forget the actor and leave
 *            the directory; queued messages go to a fresh activation.
 *
 * One ActivationLifecycle serves every activation of a runtime; it holds no state of its own.
 */
final class ActivationLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ActivationLifecycle.class);
    private static final TurnRunner.Body ON_WAKE = (behaviour, turn) -> {
        behaviour.onWake(turn);
        return null;
    };
    private static final TurnRunner.Body ON_SLEEP = (behaviour, turn) -> {
        behaviour.onSleep(turn);
        return null;
    };
    private static final TurnRunner.Body ON_DESTROY = (behaviour, turn) -> {
        behaviour.onDestroy(turn);
        return null;
    };
    /** The hook that resets a restarted actor to its initial state. */
    static final String RESET = "#restartFromInitialState";

    private final ActorRuntime runtime;

    ActivationLifecycle(ActorRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Loads or creates the actor for {@code message}.
     *
     * @return true if the actor is active and {@code message} should now run; false if the message
     *         has been answered (failed, or completed by creating)
     */
    boolean load(Activation activation, Message message) {
        Optional<ActorRecord> found;
        try {
            found = runtime.store().activate(activation.type().name(), activation.address().key());
        } catch (RuntimeException e) {
            LOG.error("cannot activate {}", activation.address(), e);
            message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the store is unavailable"));
            return false;
        }
        if (found.isEmpty() && activation.hibernating()) {
            close(activation, ActivationErrors.notFound(activation.address()), message);
            return false;
        }
        if (found.isPresent()) {
            if (!wake(activation, found.get(), message)) {
                return false;
            }
            if (message instanceof Message.Create create) {
                create.fail(ActivationErrors.duplicate(activation.address()));
                return false;
            }
            return true;
        }
        if (message.mode() == CreateMode.GET) {
            message.fail(ActivationErrors.notFound(activation.address()));
            return false;
        }
        return create(activation, message);
    }

    private boolean wake(Activation activation, ActorRecord record, Message message) {
        Object loaded;
        try {
            loaded = activation.type().decodeState(record.state(), record.stateVersion());
        } catch (Exception e) {
            LOG.error("cannot decode the stored state of {} (version {})", activation.address(), record.stateVersion(), e);
            message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR,
                    "the stored state of " + activation.address() + " is unreadable"));
            return false;
        }
        if (activation.type().history() != null) {
            try {
                activation.history(HistoryChain.resume(record.id(), activation.type(),
                        runtime.store().lastHistoryEntry(record.id()), loaded, record.state()));
            } catch (RuntimeException e) {
                LOG.error("cannot read the history of {}", activation.address(), e);
                message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the store is unavailable"));
                return false;
            }
        }
        activation.incarnate(record.id(), record.parentId(), record.epoch(), record.createdAt(),
                activation.type().newBehaviour());
        activation.activate(loaded);
        if (activation.hibernating()) {
            activation.woke();
            runtime.hibernation(-1);
        }
        runtime.turnRunner().hook(activation, "#onWake", ON_WAKE);
        activation.startLoop();
        return true;
    }

    private boolean create(Activation activation, Message message) {
        Caller requester = switch (message) {
            case Message.Call call -> call.caller();
            case Message.Connect connect -> connect.caller();
            case Message.Create create -> create.caller();
            case Message.ViewRequest request -> request.caller();
            case Message.RawCall raw -> raw.caller();
            case Message.ChannelOpen open -> open.link().opener();
            default -> Caller.system("runtime");
        };
        try {
            activation.type().checkAccess(requester, AccessRule.CREATE);
        } catch (TroupeException e) {
            message.fail(e);
            return false;
        }
        Input input = message.input();
        ActorBehaviour instance = activation.type().newBehaviour();
        String parentId = message instanceof Message.Create spawn ? spawn.parentId() : null;
        activation.incarnate(Ids.next(), parentId, 1, runtime.time().instant(), instance);
        Turn turn = TurnRunner.creation(activation, message, requester);
        TurnRecord created = runtime.turnRunner().run(activation, turn, (behaviour, creating) -> {
            creating.setState(behaviour.initialState(creating, input));
            behaviour.onCreate(creating, input);
            return null;
        });
        if (created.error() != null) {
            activation.unload();
            message.fail(created.error());
            return false;
        }
        String json;
        try {
            json = activation.type().encodeState(created.stateAfter());
        } catch (Exception e) {
            LOG.error("cannot serialise the initial state of {}", activation.address(), e);
            activation.unload();
            message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the initial state could not be serialised"));
            return false;
        }
        List<ScheduleRecord> schedules = created.scheduleChanges().stream()
                .filter(ScheduleChange.Put.class::isInstance).map(c -> ((ScheduleChange.Put) c).schedule()).toList();
        ActorInfo info = activation.info();
        String inputJson;
        try {
            inputJson = parentId == null ? null : inputJson(input);
        } catch (TroupeException e) {
            activation.unload();
            message.fail(e);
            return false;
        }
        ActorRecord record = new ActorRecord(info.id(), activation.type().name(), activation.address().key(), json,
                activation.type().stateVersion(), 1, info.createdAt(), parentId, inputJson);
        List<HistoryEntry> history = List.of();
        if (activation.type().history() != null) {
            HistoryChain chain = HistoryChain.start(info.id(), activation.type());
            try {
                history = List.of(chain.append(created, runtime.time().instant(), json).entry());
            } catch (JsonProcessingException e) {
                LOG.error("cannot record the creation of {}", activation.address(), e);
                activation.unload();
                message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the creation could not be recorded"));
                return false;
            }
            activation.history(chain);
        }
        boolean inserted;
        try {
            inserted = runtime.store().create(record, schedules, history);
        } catch (RuntimeException e) {
            LOG.error("cannot create {}", activation.address(), e);
            activation.unload();
            message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the store could not create the actor"));
            return false;
        }
        if (!inserted) {
            activation.unload();
            if (message.mode() == CreateMode.CREATE) {
                message.fail(ActivationErrors.duplicate(activation.address()));
                return false;
            }
            return load(activation, message);
        }
        if (!history.isEmpty()) {
            runtime.historyFeed().committed(info.id());
        }
        activation.activate(created.stateAfter());
        schedules.forEach(s -> runtime.scheduler().scheduled(s.dueAt()));
        runtime.turnRunner().startTimers(activation, turn);
        runtime.turnRunner().hook(activation, "#onWake", ON_WAKE);
        activation.startLoop();
        if (message instanceof Message.Create create) {
            create.reply().complete(activation.info());
            return false;
        }
        return true;
    }

    /** A commit of this activation failed: drop the state in memory; the next message loads it again. */
    void reload(Activation activation) {
        LOG.warn("reloading {} from the store after a failed commit", activation.address());
        activation.cancelTimers();
        activation.unload();
    }

    /**
     * The supervisor restarts the actor: its activation is dropped (once its commits are durable) and
     * the restart message then loads it again, as a new activation, from the last committed state.
     */
    void drop(Activation activation) {
        awaitDurable(activation);
        activation.cancelTimers();
        activation.unload();
    }

    /** The restarted actor is loaded again (and has run {@code onWake}); reset it if asked to. */
    void restarted(Activation activation, Message.Restart restart) {
        if (restart.fromInitialState()) {
            Input input = spawnInput(runtime.store(), activation.id());
            runtime.turnRunner().hook(activation, RESET, (behaviour, turn) -> {
                turn.setState(behaviour.initialState(turn, input));
                return null;
            });
        }
        restart.done().complete(null);
    }

    /**
     * The input the actor {@code actorId} was spawned with, as JSON, read back from its record; none if it
     * had none (or is not a child). A restart from the initial state, live and replayed, starts from it.
     */
    static Input spawnInput(Store store, String actorId) {
        String json = store.findById(actorId).map(ActorRecord::input).orElse(null);
        if (json == null) {
            return Input.none();
        }
        try {
            return Input.of(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored input of actor " + actorId + " is not JSON", e);
        }
    }

    /** The JSON of a child's spawn input, kept for restarts from its initial state; null without input. */
    private static @Nullable String inputJson(Input input) {
        if (!input.isPresent()) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(input.raw());
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "the input of a child must have a JSON form (it is "
                    + "kept for restarts from the initial state): " + e.getOriginalMessage(), e);
        }
    }

    /** Puts the actor to sleep if it is still idle, or unconditionally when {@code force}. */
    void sleep(Activation activation, boolean force) {
        activation.clearEvicting();
        if (activation.hasQueued()) {
            return;
        }
        long idleFrom = runtime.time().nanoTime() - activation.type().sleepAfter().toNanos();
        if (!force && !activation.idleSince(idleFrom)) {
            return;
        }
        boolean closing = runtime.isClosing();
        if ((!activation.connectionsLetSleep() || activation.hasChannels()) && !closing) {
            return;
        }
        runtime.turnRunner().hook(activation, "#onSleep", ON_SLEEP);
        awaitDurable(activation);
        if (!activation.connections().isEmpty() && !closing && runtime.hostsHere(activation.address())) {
            hibernate(activation);
        } else {
            close(activation, ActivationErrors.shuttingDown(), null);
        }
    }

    /**
     * Puts the actor to sleep with its connections kept: its timers stop, its instance, state and
     * storage leave memory (every write is durable by now), and the shell with the connections stays in
     * the directory for the next message, which loads the actor again (a new epoch, {@code onWake}).
     */
    private void hibernate(Activation activation) {
        activation.cancelTimers();
        activation.hibernate();
        runtime.hibernation(1);
    }

    /**
     * Destroys the actor, its children first (see {@link Supervisor#destroyChildren}); {@code reply}
     * (if any) completes once it is gone from the store.
     *
     * @return whether the actor is gone
     */
    boolean destroy(Activation activation, @Nullable CompletableFuture<Void> reply) {
        awaitDurable(activation);
        try {
            runtime.supervisor().destroyChildren(activation);
        } catch (RuntimeException e) {
            LOG.error("cannot destroy the children of {}", activation.address(), e);
            return failDestroy(activation, reply, e instanceof TroupeException known ? known
                    : new TroupeException(ErrorCode.INTERNAL_ERROR, "the children of the actor could not be destroyed"));
        }
        runtime.turnRunner().hook(activation, "#onDestroy", ON_DESTROY);
        awaitDurable(activation);
        boolean destroyed;
        try {
            destroyed = runtime.store().destroy(activation.id(), activation.epoch());
        } catch (RuntimeException e) {
            LOG.error("cannot destroy {}", activation.address(), e);
            return failDestroy(activation, reply, new TroupeException(ErrorCode.INTERNAL_ERROR,
                    "the store could not destroy the actor"));
        }
        if (!destroyed) {
            activation.fencedNow();
            return failDestroy(activation, reply, ActivationErrors.fenced(activation.address()));
        }
        runtime.supervisor().forget(activation.id());
        close(activation, new TroupeException(ErrorCode.NOT_FOUND, "actor " + activation.address() + " was destroyed"),
                null);
        if (reply != null) {
            reply.complete(null);
        }
        return true;
    }

    /** A destroy failed with {@code error}; a fenced activation also closes. */
    private boolean failDestroy(Activation activation, @Nullable CompletableFuture<Void> reply, TroupeException error) {
        if (reply != null) {
            reply.completeExceptionally(error);
        }
        if (error.is(ErrorCode.FENCED)) {
            close(activation, error, null);
        }
        return false;
    }

    private static void awaitDurable(Activation activation) {
        PendingWrite pending = activation.tail();
        if (pending != null) {
            pending.done().join();
        }
    }

    /**
     * Closes the activation on its turn thread, terminating connections with {@code reason}; the
     * message being handled (if any) and everything still queued go to a fresh activation.
     */
    void close(Activation activation, TroupeException reason, @Nullable Message current) {
        List<Message> leftovers = activation.closeMailbox(current);
        activation.cancelTimers();
        ActorError error = reason.error();
        if (activation.hasChannels()) {
            Set<ActorChannel> channels = activation.openChannels();
            List.copyOf(channels).forEach(channel -> channel.terminate(error));
            channels.clear();
        }
        Set<ActorConnection> open = activation.connections();
        if (!open.isEmpty()) {
            open.forEach(connection -> connection.terminate(error));
            open.clear();
        }
        activation.release();
        if (activation.hibernating()) {
            activation.woke();
            runtime.hibernation(-1);
        }
        runtime.closed(activation, leftovers);
        // The queued messages count at their new activation now; the one being handled ends with its turn.
        runtime.quiescence().ended(current == null ? leftovers.size() : leftovers.size() - 1);
    }
}
