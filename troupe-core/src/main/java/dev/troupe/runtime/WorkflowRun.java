package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.Flow;
import dev.troupe.StepRetry;
import dev.troupe.TroupeException;
import dev.troupe.Workflow;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/*
 * One advance of a workflow: a turn of its actor (a schedule turn of the internal action "#workflow")
 * that runs the workflow's code from the top against its journal. Finished steps, sleeps and waits
 * answer from the journal; the first unfinished step runs its body inside this turn, and its result is
 * journaled in this turn's commit with everything the body changed, after which the run unwinds
 * (Suspend) and the next advance is scheduled at once, so that every step is a commit of its own. A
 * body that throws is rolled back to the turn's savepoint, counted, and retried by a schedule after its
 * backoff; after its last attempt it answers workflow/step_failed into the code. A sleep or a wait
 * journals when it ends and schedules an advance for then; a signal schedules one at once.
 *
 * Advances are idempotent: an advance of an ended workflow, or of one still sleeping or waiting, does
 * nothing, so duplicate schedules (a signal during a sleep, a crash before a schedule's removal) are
 * harmless. Everything the advance reads (the journal, the time) goes through the turn's storage and
 * effects, so a replayed advance sees what the live one saw.
 */
final class WorkflowRun implements Flow {
    /** The internal action of the schedules that advance workflows; their arguments are {@code [id]}. */
    static final String ACTION = "#workflow";

    private final Turn turn;
    private final String id;
    private final WorkflowJournal journal;
    private final Instant now;

    private WorkflowRun(Turn turn, String id, WorkflowJournal journal) {
        this.turn = turn;
        this.id = id;
        this.journal = journal;
        this.now = turn.now();
    }

    /** Unwinds the workflow's code once this advance has done its part. */
    private static final class Suspend extends Error {
        Suspend() {
            super("the workflow is suspended until its next advance", null, false, false);
        }
    }

    /** The workflow id in a {@code #workflow} schedule's arguments. */
    static String idOf(JsonNode args) {
        return args.path(0).asText();
    }

    /** Runs one advance of the workflow {@code id} of the turn's actor. */
    static void advance(ActorBehaviour behaviour, Turn turn, String id) {
        WorkflowJournal journal = TurnWorkflows.journal(turn, id);
        if (journal == null || journal.ended()) {
            return;
        }
        Workflow workflow = behaviour.workflow(turn, journal.name());
        Turn.Savepoint start = turn.savepoint();
        if (workflow == null) {
            journal.failed(ErrorCode.WORKFLOW_NOT_FOUND.qualified() + ": the actor no longer has a workflow '"
                    + journal.name() + "'");
        } else {
            WorkflowRun run = new WorkflowRun(turn, id, journal);
            try {
                Object result = workflow.run(run, Json.mapper().convertValue(journal.input(), Object.class));
                journal.completed(CanonicalJson.tree(result));
            } catch (Suspend suspended) {
                // the part of this advance is done; the journal says what comes next
            } catch (Exception e) {
                turn.rollback(start);
                journal.failed(describe(e));
            }
        }
        TurnWorkflows.save(turn, id, journal);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public <T> T step(String name, Class<T> type, Callable<T> body) {
        return step(name, type, StepRetry.DEFAULT, body);
    }

    @Override
    public <T> T step(String name, Class<T> type, StepRetry retry, Callable<T> body) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(retry, "retry");
        JsonNode done = journal.done(checkName(name));
        if (done != null) {
            if (done.has("error")) {
                throw stepFailed(name, done.path("error").asText());
            }
            return read(done.path("value"), type, name);
        }
        Instant retryAt = journal.timer(name);
        if (retryAt != null && now.isBefore(retryAt)) {
            throw new Suspend();
        }
        Turn.Savepoint before = turn.savepoint();
        T value;
        try {
            value = body.call();
        } catch (Exception e) {
            turn.rollback(before);
            int failures = journal.failures(name) + 1;
            if (failures < retry.maxAttempts()) {
                Instant next = now.plus(retry.backoff(failures));
                journal.failed(name, failures);
                journal.timer(name, next);
                journal.state("retrying", name, next);
                turn.scheduleInternal(next, ACTION, args());
                turn.logger().warn("workflow {} step '{}' failed (attempt {} of {}); retrying at {}", id, name, failures,
                        retry.maxAttempts(), next, e);
                throw new Suspend();
            }
            ObjectNode entry = Json.mapper().createObjectNode().put("error", describe(e));
            journal.finish(name, entry);
            throw stepFailed(name, entry.path("error").asText());
        }
        journal.finish(name, Json.mapper().createObjectNode().set("value", CanonicalJson.tree(value)));
        journal.state("running", null, null);
        turn.scheduleInternal(now, ACTION, args());
        throw new Suspend();
    }

    @Override
    public void sleep(String name, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (journal.done(checkName(name)) != null) {
            return;
        }
        Instant until = journal.timer(name);
        if (until == null) {
            until = now.plus(duration);
            journal.timer(name, until);
            journal.state("sleeping", name, until);
            turn.scheduleInternal(until, ACTION, args());
            throw new Suspend();
        }
        if (now.isBefore(until)) {
            throw new Suspend();
        }
        journal.finish(name, Json.mapper().createObjectNode().put("slept", true));
        journal.state("running", null, null);
    }

    @Override
    public <T> Optional<T> waitFor(String name, Class<T> type, Duration timeout) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeout, "timeout");
        JsonNode done = journal.done(checkName(name));
        if (done != null) {
            return done.has("timeout") ? Optional.empty() : Optional.of(read(done.path("value"), type, name));
        }
        JsonNode payload = journal.takeSignal(name);
        if (payload != null) {
            journal.finish(name, Json.mapper().createObjectNode().set("value", payload));
            journal.state("running", null, null);
            return Optional.of(read(payload, type, name));
        }
        Instant deadline = journal.timer(name);
        if (deadline == null) {
            deadline = now.plus(timeout);
            journal.timer(name, deadline);
            journal.state("waiting", name, deadline);
            turn.scheduleInternal(deadline, ACTION, args());
            throw new Suspend();
        }
        if (now.isBefore(deadline)) {
            throw new Suspend();
        }
        journal.finish(name, Json.mapper().createObjectNode().put("timeout", true));
        journal.state("running", null, null);
        return Optional.empty();
    }

    private String args() {
        return argsOf(id);
    }

    /** The arguments of the schedule that advances the workflow {@code id}. */
    static String argsOf(String id) {
        return "[" + Json.mapper().getNodeFactory().textNode(id) + "]";
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a workflow step, sleep or wait needs a name");
        }
        return name;
    }

    private static <T> T read(JsonNode json, Class<T> type, String name) {
        try {
            return Json.mapper().treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "the journaled value of '" + name + "' is not a "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static TroupeException stepFailed(String name, String error) {
        return new TroupeException(ErrorCode.WORKFLOW_STEP_FAILED, "step '" + name + "' failed: " + error,
                Map.of("step", name));
    }

    private static String describe(Exception e) {
        return e instanceof TroupeException troupe
                ? troupe.error().qualifiedCode() + ": " + troupe.error().message()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
