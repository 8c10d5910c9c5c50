package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.WorkflowStatus;
import dev.troupe.Workflows;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@link Workflows} of one turn: journals in the actor's storage, advances as internal schedules. */
final class TurnWorkflows implements Workflows {
    private final Turn turn;

    TurnWorkflows(Turn turn) {
        this.turn = turn;
    }

    static @Nullable WorkflowJournal journal(Turn turn, String id) {
        return WorkflowJournal.read(turn.storageInternal().readReserved(WorkflowJournal.PREFIX + id));
    }

    static void save(Turn turn, String id, WorkflowJournal journal) {
        turn.storageInternal().writeReserved(WorkflowJournal.PREFIX + id, journal.bytes());
    }

    @Override
    public void start(String name, String id, Object input) {
        Objects.requireNonNull(name, "name");
        checkId(id);
        ActorBehaviour behaviour = turn.behaviour();
        if (behaviour == null || behaviour.workflow(turn, name) == null) {
            throw new TroupeException(ErrorCode.WORKFLOW_NOT_FOUND, "this actor has no workflow '" + name + "'",
                    Map.of("workflow", name));
        }
        if (journal(turn, id) != null) {
            throw new TroupeException(ErrorCode.WORKFLOW_EXISTS, "a workflow with id '" + id + "' exists",
                    Map.of("id", id));
        }
        JsonNode json;
        try {
            json = CanonicalJson.tree(input);
        } catch (IllegalArgumentException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "the input of workflow '" + name
                    + "' has no JSON form: " + e.getMessage(), e);
        }
        save(turn, id, WorkflowJournal.start(name, json));
        turn.scheduleInternal(turn.now(), WorkflowRun.ACTION, WorkflowRun.argsOf(id));
    }

    @Override
    public boolean signal(String id, String name, Object payload) {
        Objects.requireNonNull(name, "name");
        WorkflowJournal journal = existing(id);
        if (journal.ended()) {
            return false;
        }
        journal.signal(name, CanonicalJson.tree(payload));
        save(turn, id, journal);
        turn.scheduleInternal(turn.now(), WorkflowRun.ACTION, WorkflowRun.argsOf(id));
        return true;
    }

    @Override
    public Optional<WorkflowStatus> status(String id) {
        checkId(id);
        return Optional.ofNullable(journal(turn, id)).map(journal -> journal.status(id));
    }

    @Override
    public List<String> ids() {
        return turn.storageInternal().reservedKeys(WorkflowJournal.PREFIX).stream()
                .map(key -> key.substring(WorkflowJournal.PREFIX.length())).toList();
    }

    @Override
    public boolean cancel(String id) {
        WorkflowJournal journal = existing(id);
        if (journal.ended()) {
            return false;
        }
        journal.state("cancelled", null, null);
        save(turn, id, journal);
        return true;
    }

    private WorkflowJournal existing(String id) {
        checkId(id);
        WorkflowJournal journal = journal(turn, id);
        if (journal == null) {
            throw new TroupeException(ErrorCode.WORKFLOW_NOT_FOUND, "there is no workflow with id '" + id + "'",
                    Map.of("id", id));
        }
        return journal;
    }

    private static void checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > 200) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "a workflow id must be 1 to 200 characters");
        }
    }
}
