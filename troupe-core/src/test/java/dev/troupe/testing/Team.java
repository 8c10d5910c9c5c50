package dev.troupe.testing;

import dev.troupe.ActorContract;
import java.util.List;

/**
 * A supervising parent for tests: it spawns {@link Worker}s and sub-teams as its children and keeps,
 * in its state, a line for each failure and result its children reported.
 */
@ActorContract("test-team")
public interface Team {
    /** Spawns a worker named {@code name} whose count starts at {@code start}; returns its key as JSON. */
    String spawnWorker(String name, long start);

    /** Spawns a worker named {@code name} with an input that has no JSON form, to prove a clear error. */
    void spawnWithInputWithoutJson(String name);

    /** Spawns a sub-team named {@code name}; returns its key as JSON. */
    String spawnTeam(String name);

    /** Spawns a child of the type implementing {@code contractName} (a class name), to prove a clear error. */
    void spawnByClassName(String contractName, String name) throws ClassNotFoundException;

    /** Adds {@code amount} to the worker's count through its typed handle. */
    long addToWorker(String name, long amount);

    /** Asks the sub-team {@code team} to spawn a worker {@code name}. */
    String spawnInTeam(String team, String name, long start);

    /** Asks the worker {@code name} to finish with {@code result}. */
    void finishWorker(String name, String result);

    /** Asks the sub-team {@code team} to have its worker {@code name} finish with {@code result}. */
    void finishInTeam(String team, String name, String result);

    /** What the children of the sub-team {@code team} reported (see {@link #reports()}). */
    List<String> teamReports(String team);

    /** The names of the children of the sub-team {@code team}. */
    List<String> teamChildNames(String team);

    /** The names of the children, in spawn order. */
    List<String> childNames();

    /** The worker's last committed count, read from its state. */
    long workerCount(String name);

    /** How many history entries the worker has. */
    long workerHistorySize(String name);

    /** Stops (destroys) the worker. */
    void stopWorker(String name);

    /** Stops (destroys) the sub-team and so its subtree. */
    void stopTeam(String name);

    /** What the children reported, one line each: {@code failed name turn directive restarts} or {@code finished name result}. */
    List<String> reports();
}
