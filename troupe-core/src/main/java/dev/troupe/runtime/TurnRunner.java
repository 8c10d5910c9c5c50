package dev.troupe.runtime;

import dev.troupe.json.Json;
import dev.troupe.Caller;
import dev.troupe.ChildFailure;
import dev.troupe.Durability;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.HistoryOptions;
import dev.troupe.QueueMessage;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.store.MessageReceipt;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Runs turns. Every kind of turn (action, read-only action, schedule, timer, connect, disconnect,
 * lifecycle hook, view, creation) goes through run(): bind the turn to the thread, call into the actor,
 * restore the thread, and leave through exit(), the one place where a turn ends. exit() reports the
 * turn to the observers, fails its caller if it threw, and hands its outcome on:
 *
 *   - a read-only turn or a view gates its reply behind the latest pending write (it read that state);
 *   - a creation returns its record to the lifecycle, which creates the actor in the store;
 *   - every other turn commits: its timers start, its state becomes the activation's, its write is
 *     staged in the activation's pending write with its outputs gated behind it (or its outputs are
 *     gated behind the latest pending write if it wrote nothing), then a requested sleep or destroy
 *     runs.
 *
 * A turn that throws leaves no trace: Turn.discard() drops its state, schedule changes, events, timers
 * and sleep or destroy request, and its caller gets the error at once. The exceptions are a schedule
 * whose action threw, which still writes the removal of the schedule, or it would fire forever, and a
 * one-way message whose action threw, which still writes its receipt (naming the error, so the store
 * keeps it as a dead letter), or it would be delivered forever. A queue message whose handler threw
 * writes no receipt: it stays in the outbox and the relay's next pass delivers it again, until it has
 * failed QueueMessages.MAX_ATTEMPTS times in this activation and is kept as a dead letter too.
 *
 * A queue message of an actor with a run loop is parked in the loop (ActorLoop) until the loop takes
 * it; its turn then runs on the loop's thread, between two of the loop's calls to next.
 *
 * A one-way message runs only if it is the next of its pair (MessageNumbers): a duplicate or a message
 * out of order is dropped without a turn. A completed turn's sends are numbered on the turn thread and
 * ride on its write; the relay routes them once that write is durable. A turn that deferred its reply
 * leaves its caller waiting in DeferredReplies; a later turn's reply is gated like any other output.
 *
 * A channel's open, messages and close are turns of kind CHANNEL: the open's reply (the acceptance) is
 * gated like a caller's result, and what a turn sends or closes on a channel follows it, in order,
 * behind the same gate (see Channels and ChannelLink). A raw WebSocket is a channel whose turns run the
 * raw hooks; a raw HTTP request is a turn of kind RAW whose reply is its response, gated like a result.
 *
 * Every turn yields a TurnRecord. Records of turns that wrote ride on the pending write, one per turn.
 *
 * One TurnRunner serves every activation of a runtime; it holds no state of its own.
 */
final class TurnRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);

    /** How a kind of turn calls into the actor; returns the reply's value, if the turn has a reply. */
    @FunctionalInterface
    interface Body {
        @Nullable Object run(ActorBehaviour behaviour, Turn turn) throws Exception;
    }

    private static final Body ACTION = (behaviour, turn) -> {
        Message.Call call = (Message.Call) turn.message();
        return behaviour.invoke(turn, call.action().name(), call.args());
    };
    private static final Body SCHEDULE = (behaviour, turn) -> {
        ScheduleRecord schedule = ((Message.ScheduledRun) turn.message()).due().schedule();
        if (schedule.action().equals(WorkflowRun.ACTION)) {
            WorkflowRun.advance(behaviour, turn, WorkflowRun.idOf(Json.mapper().readTree(schedule.args())));
            return null;
        }
        Action action = turn.scope().type().action(schedule.action());
        return behaviour.invoke(turn, action.name(), action.decodeArgs(CronSpec.args(schedule)));
    };
    private static final Body MESSAGE = (behaviour, turn) -> {
        OutboxMessage message = ((Message.Deliver) turn.message()).message();
        String queue = QueueMessages.queueOf(message.action());
        if (queue != null) {
            behaviour.onQueueMessage(turn, queue, QueueMessages.decode(message.args()));
            return null;
        }
        Action action = turn.scope().type().action(message.action());
        return behaviour.invoke(turn, action.name(), action.decodeArgs(Json.mapper().readTree(message.args())));
    };
    private static final Body FINISHED = (behaviour, turn) -> {
        JsonNode args = Json.mapper().readTree(((Message.Deliver) turn.message()).message().args());
        behaviour.onChildFinished(turn, ChildReports.finishedChild(args), ChildReports.decodedResult(args));
        return null;
    };
    private static final Body TIMER = (behaviour, turn) -> {
        Message.TimerFire fire = (Message.TimerFire) turn.message();
        return behaviour.invoke(turn, fire.action().name(), fire.args());
    };
    private static final Body DISCONNECT = (behaviour, turn) -> {
        ActorConnection connection = turn.connectionOrNull();
        behaviour.onDisconnect(turn, connection);
        if (connection != null && connection.stateStored()) {
            turn.connectionState(connection, null);
        }
        return null;
    };
    private static final Body VIEW = (behaviour, turn) -> behaviour.view(turn, turn.state(), turn.caller());
    private static final Caller RUNTIME = Caller.system("runtime");
    private static final Caller SCHEDULER = Caller.system("schedule");
    private static final Caller TIMERS = Caller.system("timer");

    private final ActorRuntime runtime;

    TurnRunner(ActorRuntime runtime) {
        this.runtime = runtime;
    }

    // ---- the kinds of turns -------------------------------------------------------------------

    void call(Activation activation, Message.Call call) {
        run(activation, new Turn(activation, TurnKind.ACTION, call.action().name(), call, activation.state(),
                call.caller(), call.chain(), call.connection()), ACTION);
    }

    /** Runs a read-only action against the last completed state, on the calling thread. */
    void readOnly(Activation activation, Message.Call call) {
        run(activation, new Turn(activation, TurnKind.READ_ONLY, call.action().name(), call, activation.state(),
                call.caller(), call.chain(), call.connection()), ACTION);
    }

    void scheduled(Activation activation, Message.ScheduledRun run) {
        ScheduleRecord schedule = run.due().schedule();
        if (!schedule.actorId().equals(activation.id())) {
            run.finished().run();
            return;
        }
        run(activation, new Turn(activation, TurnKind.SCHEDULE, schedule.action(), run, activation.state(),
                SCHEDULER, CallChain.EMPTY, null), SCHEDULE);
    }

    /** Runs a one-way message if it is the next of its pair; drops a duplicate or one out of order. */
    void deliver(Activation activation, Message.Deliver deliver) {
        OutboxMessage message = deliver.message();
        String queue = QueueMessages.queueOf(message.action());
        ActorLoop loop = queue == null ? null : activation.loop();
        if (loop != null && !loop.takes(deliver)) {
            loop.park(deliver);
            return;
        }
        long last = activation.numbers().lastReceived(runtime.store(), activation.address(), message.senderId());
        if (message.seq() != last + 1) {
            LOG.debug("{} drops message {} (seq {} of {}, last processed {}): {}", activation.address(), message.id(),
                    message.seq(), message.senderId(), last, message.seq() <= last ? "a duplicate" : "out of order");
            deliver.finished();
            if (loop != null) {
                loop.dropped();
            }
            return;
        }
        Body body = loop == null ? MESSAGE : (behaviour, turn) -> {
            loop.process(turn, new QueueMessage(queue, QueueMessages.decode(message.args())));
            return null;
        };
        if (message.action().equals(ChildReports.FINISHED)) {
            runtime.supervisor().awaitDestroyed(activation, message);
            body = FINISHED;
        }
        run(activation, new Turn(activation, TurnKind.MESSAGE, message.action(), deliver, activation.state(),
                Caller.system(message.caller()), CallChain.EMPTY, null), body);
    }

    void timer(Activation activation, Message.TimerFire fire) {
        run(activation, new Turn(activation, TurnKind.TIMER, fire.action().name(), fire, activation.state(),
                TIMERS, CallChain.EMPTY, null), TIMER);
    }

    void connect(Activation activation, Message.Connect connect) {
        int limit = activation.type().maxConnections();
        if (activation.connections().size() >= limit) {
            connect.fail(new TroupeException(ErrorCode.TOO_MANY_CONNECTIONS,
                    activation.address() + " already has " + limit + " connections", Map.of("limit", limit)));
            return;
        }
        ActorConnection connection = new ActorConnection(activation, connect.caller(), connect.params(), connect.sink());
        run(activation, new Turn(activation, TurnKind.CONNECT, "#connect", connect, activation.state(),
                connect.caller(), CallChain.EMPTY, connection), (behaviour, turn) -> {
                    behaviour.onBeforeConnect(turn, connect.params(), connect.caller());
                    activation.openConnections().add(connection);
                    behaviour.onConnect(turn, connection);
                    return connection;
                });
    }

    void disconnect(Activation activation, Message.Disconnect disconnect) {
        ActorConnection connection = disconnect.connection();
        if (activation.connections().remove(connection)) {
            run(activation, new Turn(activation, TurnKind.DISCONNECT, "#onDisconnect", disconnect, activation.state(),
                    RUNTIME, CallChain.EMPTY, connection), DISCONNECT);
        }
    }

    /** Runs a lifecycle hook ({@code #onWake}, {@code #onSleep}, {@code #onDestroy}) as a turn of its own. */
    void hook(Activation activation, String name, Body body) {
        run(activation, new Turn(activation, TurnKind.HOOK, name, null, activation.state(), RUNTIME,
                CallChain.EMPTY, null), body);
    }

    /** A turn of a child failed: run {@code onChildFailed}, then do what the strategy decided. */
    void childFailed(Activation parent, Message.ChildFailed failed) {
        Supervisor.Decision decision = runtime.supervisor().decide(parent, failed);
        ChildFailure failure = new ChildFailure(failed.child(), failed.error().error(), failed.turn(),
                decision.directive(), decision.restarts());
        Message.ChildFailed decided = new Message.ChildFailed(failed.child(), failed.error(), failed.turn(), failure);
        run(parent, new Turn(parent, TurnKind.HOOK, ChildReports.FAILED, decided, parent.state(), RUNTIME,
                CallChain.EMPTY, null), (behaviour, turn) -> {
                    behaviour.onChildFailed(turn, failure);
                    return null;
                });
        runtime.supervisor().apply(parent, failed, decision);
    }

    /**
     * A channel asks to open: {@code onChannelOpen} decides; accepted, the channel joins the actor's
     * channels, and its reply (released with the turn's output) opens the link.
     */
    void channelOpen(Activation activation, Message.ChannelOpen open) {
        ActorChannel channel = new ActorChannel(open.link(), activation, open.link().opener());
        open.link().targetEnd(channel);
        boolean raw = open.link().raw() != null;
        run(activation, new Turn(activation, TurnKind.CHANNEL, raw ? "#onRawWebSocketOpen" : "#onChannelOpen", open,
                activation.state(), open.link().opener(), CallChain.EMPTY, null), (behaviour, turn) -> {
                    if (raw) {
                        behaviour.onRawWebSocketOpen(turn, channel.rawSocket());
                    } else {
                        behaviour.onChannelOpen(turn, channel, ActorChannel.decode(open.message()));
                    }
                    activation.openChannels().add(channel);
                    return null;
                });
    }

    /** A raw HTTP request: {@code onRequest} answers it, once its turn is durable. */
    void rawRequest(Activation activation, Message.RawCall call) {
        run(activation, new Turn(activation, TurnKind.RAW, "#onRequest", call, activation.state(), call.caller(),
                CallChain.EMPTY, null), (behaviour, turn) -> behaviour.onRequest(turn, call.request()));
    }

    /** A message arrived on a channel: {@code onChannelMessage}, unless this actor closed the channel since. */
    void channelMessage(Activation activation, Message.ChannelData data) {
        ActorChannel channel = data.channel();
        if (!activation.openChannels().contains(channel)) {
            return;
        }
        boolean raw = channel.link().raw() != null;
        run(activation, new Turn(activation, TurnKind.CHANNEL, raw ? "#onRawWebSocketMessage" : "#onChannelMessage",
                data, activation.state(), channel.peer(), CallChain.EMPTY, null), (behaviour, turn) -> {
                    if (raw) {
                        behaviour.onRawWebSocketMessage(turn, channel.rawSocket(), data.json());
                    } else {
                        behaviour.onChannelMessage(turn, channel, ActorChannel.decode(data.json()));
                    }
                    return null;
                });
    }

    /** A channel closed, not by this actor: {@code onChannelClosed}, once. */
    void channelClosed(Activation activation, Message.ChannelClosed closed) {
        ActorChannel channel = closed.channel();
        if (!activation.openChannels().remove(channel)) {
            return;
        }
        boolean raw = channel.link().raw() != null;
        run(activation, new Turn(activation, TurnKind.CHANNEL, raw ? "#onRawWebSocketClose" : "#onChannelClosed",
                closed, activation.state(), channel.peer(), CallChain.EMPTY, null), (behaviour, turn) -> {
                    if (raw) {
                        behaviour.onRawWebSocketClose(turn, channel.rawSocket(), closed.reason());
                    } else {
                        behaviour.onChannelClosed(turn, channel, closed.reason());
                    }
                    return null;
                });
    }

    /** Answers a caller's request for its view, once the state it shows is durable. */
    void view(Activation activation, Message.ViewRequest request) {
        run(activation, new Turn(activation, TurnKind.VIEW, "#view", request, activation.state(), request.caller(),
                CallChain.EMPTY, null), VIEW);
    }

    /**
     * The turn that runs {@code initialState} and {@code onCreate} for an actor being created by
     * {@code message} of {@code creator} (who the turn's caller is). Its exit hands the record back;
     * the lifecycle inserts the actor, then starts the turn's timers.
     */
    static Turn creation(Activation activation, Message message, Caller creator) {
        return new Turn(activation, TurnKind.CREATE, "#onCreate", message, Turn.NO_STATE, creator, CallChain.EMPTY, null);
    }

    // ---- the one sequence ---------------------------------------------------------------------

    /** The one sequence every turn goes through: bind, call into the actor, restore, exit. */
    TurnRecord run(Activation activation, Turn turn, Body body) {
        Outcome outcome = execute(activation.behaviour(), turn, body);
        TroupeException uncommitted = turn.endSql(outcome.thrown() == null);
        if (uncommitted != null) {
            outcome = new Outcome(null, uncommitted);
        }
        return exit(activation, turn, outcome.result(), outcome.thrown());
    }

    /** What calling into the actor gave: the reply's value, or what it threw. */
    record Outcome(@Nullable Object result, @Nullable Throwable thrown) {
    }

    /**
     * Calls into the actor with {@code turn} bound to the thread, then {@code onStateChange} if the
     * turn changed the state; the part of a turn that replay repeats.
     */
    static Outcome execute(ActorBehaviour behaviour, Turn turn, Body body) {
        Turn previous = turn.bind();
        try {
            Object result = body.run(behaviour, turn);
            if (turn.stateChanged() && turn.kind() != TurnKind.CREATE) {
                turn.lockState();
                behaviour.onStateChange(turn, turn.initialState(), turn.state());
            }
            return new Outcome(result, null);
        } catch (Throwable e) {
            return new Outcome(null, e);
        } finally {
            Turn.restore(previous);
        }
    }

    private TurnRecord exit(Activation activation, Turn turn, @Nullable Object result, @Nullable Throwable thrown) {
        TroupeException error = thrown == null ? null : ActivationErrors.of(thrown, activation.address());
        if (turn.kind().observed()) {
            runtime.turnEnded(activation.type(), turn.operation(), turn.started(), error);
        }
        if (error != null) {
            refuse(activation, turn, thrown, error);
            if (Supervisor.isFailure(turn.kind(), turn.operation(), thrown)) {
                runtime.supervisor().failed(activation, turn.operation(), error);
            }
        }
        if (turn.kind() == TurnKind.CREATE) {
            return turn.record(result, error, List.of());
        }
        TurnOutput reply = error == null ? reply(turn, result) : null;
        if (turn.kind().readOnly()) {
            List<TurnOutput> outputs = reply == null ? List.of() : List.of(reply);
            gate(activation, outputs);
            return turn.record(result, error, outputs);
        }
        return commit(activation, turn, result, error, reply);
    }

    /** A turn threw: log it where nobody else hears of it, drop what it did, tell its caller. */
    private static void refuse(Activation activation, Turn turn, Throwable thrown, TroupeException error) {
        boolean answered = turn.message() != null && switch (turn.kind()) {
            case ACTION, READ_ONLY, CONNECT, CREATE, RAW -> true;
            case VIEW -> turn.message() instanceof Message.ViewRequest;
            case CHANNEL -> turn.message() instanceof Message.ChannelOpen;
            default -> false;
        };
        if (!answered || !(thrown instanceof TroupeException)) {
            LOG.error("{} {} of {} failed; its changes are discarded{}", turn.kind(), turn.operation(),
                    activation.address(), switch (turn.kind()) {
                        case SCHEDULE -> turn.message() instanceof Message.ScheduledRun run
                                && CronSpec.of(run.due().schedule()) != null
                                ? " and the cron schedule moved to its next occurrence" : " and the schedule removed";
                        case MESSAGE -> QueueMessages.queueOf(turn.operation()) != null
                                ? " and the message left in its queue for redelivery"
                                : " and the message kept as a dead letter";
                        default -> "";
                    }, thrown);
        }
        turn.discard();
        if (turn.kind() == TurnKind.CONNECT) {
            activation.openConnections().remove(turn.connectionOrNull());
        }
        if (turn.message() instanceof Message.ChannelOpen open) {
            activation.openChannels().removeIf(channel -> channel.link() == open.link());
        }
        if (answered && turn.kind() != TurnKind.CREATE) {
            turn.message().fail(error);
        }
    }

    /**
     * Whether a failed queue message is left in the outbox to be delivered again, rather than processed
     * as a dead letter: it is, until it failed {@link QueueMessages#MAX_ATTEMPTS} times.
     */
    private static boolean retried(Activation activation, OutboxMessage message, @Nullable TroupeException error) {
        if (QueueMessages.queueOf(message.action()) == null) {
            return false;
        }
        if (error == null) {
            activation.numbers().succeeded(message.id());
            return false;
        }
        return activation.numbers().failed(message.id()) < QueueMessages.MAX_ATTEMPTS;
    }

    /**
     * The run of {@code schedule} ends: it is removed, or, for a cron schedule, moved to its next occurrence
     * (whether or not the run threw). A move leaves a schedule cancelled by this turn or an earlier one
     * removed, in the store, so a cancel ends the series even when the run was already under way.
     */
    private void ranSchedule(Turn turn, ScheduleRecord schedule) {
        Instant next = CronSpec.following(schedule, runtime.time().instant());
        turn.addScheduleChange(next == null ? new ScheduleChange.Remove(schedule.id())
                : new ScheduleChange.Move(schedule.id(), next));
    }

    /** The output answering the turn's caller, or null if it has none or the turn deferred its reply. */
    private @Nullable TurnOutput reply(Turn turn, @Nullable Object result) {
        if (turn.deferredReply() != null && turn.message() instanceof Message.Call call) {
            runtime.deferredReplies().register(turn.deferredReply(), call.reply());
            return null;
        }
        CompletableFuture<?> reply = switch (turn.message()) {
            case Message.Call call -> call.reply();
            case Message.Connect connect -> connect.reply();
            case Message.ViewRequest request -> request.reply();
            case Message.ChannelOpen open -> open.reply();
            case Message.RawCall raw -> raw.reply();
            case null, default -> null;
        };
        return reply == null ? null : new ReplyOutput(reply, result);
    }

    /**
     * Completes a turn that may write: starts its timers, stages its write (if any) and gates its
     * outputs behind the write they depend on; then honours a requested sleep or destroy.
     */
    private TurnRecord commit(Activation activation, Turn turn, @Nullable Object result,
                              @Nullable TroupeException error, @Nullable TurnOutput reply) {
        startTimers(activation, turn);
        List<TurnOutput> gated = new ArrayList<>(3);
        boolean relaxed = activation.type().durability() == Durability.RELAXED;
        if (reply != null) {
            visible(reply, relaxed, gated);
        }
        boolean listened = !activation.connections().isEmpty();
        if (listened && !turn.eventList().isEmpty()) {
            visible(new EventsOutput(activation, turn.eventList()), relaxed, gated);
        }
        if (listened && turn.stateChanged()) {
            TurnOutput views = viewsAfter(activation, turn.state());
            if (views != null) {
                visible(views, relaxed, gated);
            }
        }
        turn.replyList().forEach(answer -> visible(answer, relaxed, gated));
        turn.channelOutputList().forEach(output -> visible(output, relaxed, gated));
        if (turn.message() instanceof Message.ScheduledRun run) {
            ranSchedule(turn, run.due().schedule());
            gated.add(new InternalOutput(run.finished()));
        }
        if (turn.message() instanceof Message.Deliver deliver && retried(activation, deliver.message(), error)) {
            gated.add(new InternalOutput(deliver::finished));
        } else if (turn.message() instanceof Message.Deliver deliver) {
            OutboxMessage message = deliver.message();
            turn.received(new MessageReceipt(message.id(), message.senderId(), message.seq(),
                    error == null ? null : error.error().qualifiedCode() + ": " + error.getMessage()));
            activation.numbers().received(message.senderId(), message.seq());
            gated.add(new InternalOutput(deliver::finished));
        }
        if (turn.finishRequested() && error == null) {
            runtime.supervisor().reportFinish(activation, turn);
        }
        if (!turn.sendList().isEmpty()) {
            List<OutboxMessage> sent = activation.numbers().number(runtime.store(), activation.id(),
                    "actor:" + activation.address(), turn.sendList(), runtime.time().instant());
            turn.sent(sent);
            gated.add(new SentOutput(runtime.relay(), sent));
        }
        for (ScheduleChange change : turn.scheduleChangeList()) {
            Instant dueAt = switch (change) {
                case ScheduleChange.Put put -> put.schedule().dueAt();
                case ScheduleChange.Move move -> move.dueAt();
                case ScheduleChange.Remove remove -> null;
            };
            if (dueAt != null) {
                gated.add(new InternalOutput(() -> runtime.scheduler().scheduled(dueAt)));
            }
        }
        if (activation.history() != null) {
            String id = activation.id();
            gated.add(new InternalOutput(() -> runtime.historyFeed().committed(id)));
        }
        TurnRecord record = turn.record(result, error, gated);
        HistoryChain.Link link = null;
        if (activation.history() != null) {
            try {
                link = historyLink(activation, record);
            } catch (JsonProcessingException e) {
                unrecordable(activation, gated, e);
                return record;
            }
        }
        turn.applyConnectionStates();
        if (record.wrote()) {
            activation.advance(record.stateAfter());
            if (!record.storageChanges().isEmpty()) {
                activation.storage().apply(record.storageChanges());
            }
            stage(activation, record, link);
        } else if (link != null) {
            stage(activation, record, link);
        } else {
            gate(activation, gated);
        }
        if (turn.finishRequested() || turn.destroyRequested()) {
            runtime.lifecycle().destroy(activation, null);
        } else if (turn.sleepRequested()) {
            runtime.lifecycle().sleep(activation, true);
        }
        return record;
    }

    /**
     * The history entry of a turn of a type with history, or null if it gets none: a turn that threw
     * gets one only if the type records failures, and a lifecycle hook only if it wrote something.
     */
    private HistoryChain.@Nullable Link historyLink(Activation activation, TurnRecord record)
            throws JsonProcessingException {
        HistoryOptions options = activation.type().history();
        if (record.error() != null ? !options.recordsFailures() : record.kind() == TurnKind.HOOK && !record.wrote()) {
            return null;
        }
        return activation.history().append(record, runtime.time().instant(), null);
    }

    /**
     * A turn's entry could not be encoded (its state or result is not serialisable): like a write that
     * cannot be sealed, the turn's outputs fail and the activation reloads before its next turn.
     */
    private static void unrecordable(Activation activation, List<TurnOutput> gated, JsonProcessingException cause) {
        LOG.error("cannot record the history of a turn of {}; its changes are discarded", activation.address(), cause);
        TroupeException error = new TroupeException(ErrorCode.INTERNAL_ERROR,
                "the turn of " + activation.address() + " could not be recorded");
        activation.failGeneration(activation.generation(), error);
        gated.forEach(output -> output.fail(error));
    }

    private static void visible(TurnOutput output, boolean relaxed, List<TurnOutput> gated) {
        if (relaxed) {
            output.release();
        } else {
            gated.add(output);
        }
    }

    /** The new views of connections that sync them, computed on the turn thread from the new state. */
    private @Nullable TurnOutput viewsAfter(Activation activation, Object newState) {
        List<ViewsOutput.Update> updates = null;
        for (ActorConnection connection : activation.connections()) {
            if (!connection.syncsViews()) {
                continue;
            }
            TurnRecord view = run(activation, new Turn(activation, TurnKind.VIEW, "#view", null, newState,
                    connection.caller(), CallChain.EMPTY, null), VIEW);
            if (view.error() == null) {
                if (updates == null) {
                    updates = new ArrayList<>();
                }
                updates.add(new ViewsOutput.Update(connection, view.result()));
            }
        }
        return updates == null ? null : new ViewsOutput(updates);
    }

    // ---- the output gate ----------------------------------------------------------------------

    private void stage(Activation activation, TurnRecord record, HistoryChain.@Nullable Link link) {
        PendingWrite pending = activation.tail();
        if (pending == null || pending.generation() != activation.generation() || !pending.merge(record, link)) {
            pending = new PendingWrite(activation, activation.generation(), activation.id(), activation.epoch());
            pending.merge(record, link);
            activation.tail(pending);
            runtime.committer().submit(pending);
        }
    }

    /** Holds outputs of a turn that wrote nothing until the state it saw is durable. */
    private static void gate(Activation activation, List<TurnOutput> outputs) {
        if (outputs.isEmpty()) {
            return;
        }
        PendingWrite pending = activation.tail();
        if (pending == null || !pending.attach(outputs)) {
            outputs.forEach(TurnOutput::release);
        }
    }

    /** Starts the volatile timers a completed turn set. */
    void startTimers(Activation activation, Turn turn) {
        for (Turn.PendingTimer timer : turn.timerList()) {
            Set<TimerHandle> owner = activation.runningTimers();
            owner.add(timer.handle());
            var wakeup = runtime.timers().after(timer.delay(), () -> {
                if (owner.remove(timer.handle())) {
                    activation.send(new Message.TimerFire(timer.action(), timer.args()));
                }
            });
            timer.handle().start(wakeup, () -> owner.remove(timer.handle()));
        }
    }
}
