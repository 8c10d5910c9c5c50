package dev.troupe.testing.crash;

import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.testing.Team;
import dev.troupe.testing.TeamActor;
import dev.troupe.testing.WorkerActor;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Troupe runtime growing a three-level supervision tree in a child JVM, for
 * {@link AbstractTreeCrashTest}: the root {@link Team} {@value #ROOT}, one sub-team per load thread,
 * and workers under each sub-team, spawned and then incremented through the root while the test kills
 * the process.
 *
 * <p>Speaks the {@link WorkerProcess} protocol. {@code LOAD threads cycle} starts {@code threads}
 * virtual threads; thread {@code t} spawns the sub-team {@code s<t>} (if the root has none of that
 * name yet), then, for {@code i = 0, 1, …}, spawns the worker {@code c<cycle>-l<i>} in it, printing
 * {@code SENT s<t>/c<cycle>-l<i>} before and {@code ACK s<t>/c<cycle>-l<i> 1} once the spawn is
 * acknowledged (or {@code FAILED …}); every {@value #FINISH_EVERY}th worker is then asked to finish with
 * its name as the result, printed as {@code SENT fin:s<t>/…} and {@code ACK fin:s<t>/… 1} once the
 * finishing turn is durable. Nothing else is printed.
 */
public final class TreeWorker {
    /** The key of the root team. */
    public static final String ROOT = "tree-root";
    /** The prefix of the ledger keys of finish requests. */
    public static final String FINISHED = "fin:";
    /** Every this many workers, counting from the first, one is asked to finish. */
    static final int FINISH_EVERY = 4;
    private final Troupe troupe;
    private final PrintStream protocol;
    private final List<Thread> load = new ArrayList<>();

    private TreeWorker(Troupe troupe, PrintStream protocol) {
        this.troupe = troupe;
        this.protocol = protocol;
    }

    /** Arguments: the {@link StoreFactory} class name and its argument. */
    public static void main(String[] args) throws IOException {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Troupe troupe = Troupe.builder().store(StoreFactory.open(args[0], args[1]))
                .register(TeamActor.class).register(WorkerActor.class).build();
        TreeWorker worker = new TreeWorker(troupe, protocol);
        protocol.println("READY");
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String command;
            while ((command = commands.readLine()) != null) {
                String[] words = command.split(" ");
                if (!words[0].equals("LOAD")) {
                    throw new IllegalArgumentException("unknown command: " + command);
                }
                worker.startLoad(Integer.parseInt(words[1]), words[2]);
            }
        }
        System.exit(0);
    }

    private void startLoad(int threads, String cycle) {
        Team root = troupe.actor(Team.class, Key.of(ROOT));
        for (int t = 0; t < threads; t++) {
            String team = "s" + t;
            load.add(Thread.ofVirtual().name("tree-load-" + t).start(() -> grow(root, team, cycle)));
        }
    }

    private void grow(Team root, String team, String cycle) {
        try {
            root.spawnTeam(team);
        } catch (TroupeException e) {
            if (!e.is(ErrorCode.DUPLICATE_KEY)) {
                throw e;
            }
        }
        for (int i = 0; ; i++) {
            String leaf = "c" + cycle + "-l" + i;
            String name = team + "/" + leaf;
            long start = i;
            if (call(name, () -> root.spawnInTeam(team, leaf, start)) && i % FINISH_EVERY == 0) {
                call(FINISHED + name, () -> root.finishInTeam(team, leaf, name));
            }
        }
    }

    /** Calls {@code call} under the ledger key {@code key}; whether it was acknowledged. */
    private boolean call(String key, Runnable call) {
        protocol.println("SENT " + key);
        try {
            call.run();
            protocol.println("ACK " + key + " 1");
            return true;
        } catch (TroupeException e) {
            protocol.println("FAILED " + key + " " + e.error().qualifiedCode());
            return false;
        }
    }
}
