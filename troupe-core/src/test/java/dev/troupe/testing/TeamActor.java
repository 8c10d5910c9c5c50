package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.ChildFailure;
import dev.troupe.ChildInfo;
import dev.troupe.Input;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@link Team}: children are spawned and read through {@code children()}; reports go into the state. */
public final class TeamActor extends Actor<TeamActor.State> implements Team {
    /** The reports received so far. */
    public record State(List<String> reports) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    @Override
    public String spawnWorker(String name, long start) {
        children().spawn(Worker.class, name, Input.of(start));
        return children().list().stream().filter(child -> child.name().equals(name)).findFirst().orElseThrow()
                .key().toJson();
    }

    @Override
    public void spawnWithInputWithoutJson(String name) {
        children().spawn(Worker.class, name, Input.of(new Object()));
    }

    @Override
    public String spawnTeam(String name) {
        children().spawn(Team.class, name);
        return children().list().stream().filter(child -> child.name().equals(name)).findFirst().orElseThrow()
                .key().toJson();
    }

    @Override
    public void spawnByClassName(String contractName, String name) throws ClassNotFoundException {
        children().spawn(Class.forName(contractName), name);
    }

    @Override
    public long addToWorker(String name, long amount) {
        return children().get(Worker.class, name).add(amount);
    }

    @Override
    public String spawnInTeam(String team, String name, long start) {
        return children().get(Team.class, team).spawnWorker(name, start);
    }

    @Override
    public void finishWorker(String name, String result) {
        children().get(Worker.class, name).complete(result);
    }

    @Override
    public void finishInTeam(String team, String name, String result) {
        children().get(Team.class, team).finishWorker(name, result);
    }

    @Override
    public List<String> teamReports(String team) {
        return children().get(Team.class, team).reports();
    }

    @Override
    public List<String> teamChildNames(String team) {
        return children().get(Team.class, team).childNames();
    }

    @Override
    public List<String> childNames() {
        return children().list().stream().map(ChildInfo::name).toList();
    }

    @Override
    public long workerCount(String name) {
        return children().state(Worker.class, name, WorkerActor.State.class).count();
    }

    @Override
    public long workerHistorySize(String name) {
        return children().history(Worker.class, name).entries(0, 1_000).size();
    }

    @Override
    public void stopWorker(String name) {
        children().stop(Worker.class, name);
    }

    @Override
    public void stopTeam(String name) {
        children().stop(Team.class, name);
    }

    @Override
    public List<String> reports() {
        return state().reports();
    }

    @Override
    protected void onChildFailed(ChildFailure failure) {
        report("failed " + failure.child().name() + " " + failure.turn() + " " + failure.directive() + " "
                + failure.restarts());
    }

    @Override
    protected void onChildFinished(ChildInfo child, @Nullable Object result) {
        report("finished " + child.name() + " " + result);
    }

    private void report(String line) {
        List<String> next = new ArrayList<>(state().reports());
        next.add(line);
        setState(new State(List.copyOf(next)));
    }
}
