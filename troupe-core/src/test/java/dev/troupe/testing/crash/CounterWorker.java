package dev.troupe.testing.crash;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.SqlCounterActor;
import dev.troupe.testing.StoredCounterActor;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Troupe runtime serving {@link CounterActor}s in a child JVM, which a test drives through a
 * {@link WorkerProcess}: to kill it mid-load, or to run a second runtime on the same store.
 *
 * <p>Arguments: the name of a {@link StoreFactory} class and the argument that opens the store with it,
 * then optionally {@code history}, to register the counters with a turn history.
 * The worker reads commands from stdin, one per line, and writes its protocol to stdout, one line per
 * message, flushed at once. Everything else the JVM prints, logging included, goes to stderr.
 *
 * <table>
 *   <caption>Commands and what they print</caption>
 *   <tr><th>command</th><th>prints</th></tr>
 *   <tr><td>(start)</td><td>{@code READY} once the runtime is up</td></tr>
 *   <tr><td>{@code SCHEDULE key delayMillis amount}</td>
 *       <td>{@code SCHEDULED key} once the counter's durable schedule to increment by {@code amount}
 *       after {@code delayMillis} is acknowledged</td></tr>
 *   <tr><td>{@code INCREMENT key}</td>
 *       <td>one increment by 1, recorded as below, then {@code INCREMENTED key}</td></tr>
 *   <tr><td>{@code LOAD threads key…}</td>
 *       <td>starts {@code threads} virtual threads that increment by 1 until {@code STOP}, thread
 *       {@code t} sending its {@code i}-th call to {@code keys[(t + i) % keys.length]}; prints nothing
 *       itself</td></tr>
 *   <tr><td>{@code STOP}</td><td>{@code STOPPED} once every load thread has finished its last call</td></tr>
 * </table>
 *
 * <p>Every increment prints {@code SENT key} before the call and, after it, {@code ACK key count} with
 * the count it returned, or {@code FAILED key group/code} if it threw a {@code TroupeException}: what a
 * {@link CallLedger} records. At the end of stdin the worker stops loading, closes the runtime and
 * exits, so it never outlives a test JVM that died.
 */
public final class CounterWorker {
    /** The option that registers the counters with a turn history. */
    public static final String HISTORY = "history";
    /** The option that serves {@link StoredCounterActor}s, which copy their count into their storage. */
    public static final String STORAGE = "storage";
    /** The option that serves {@link SqlCounterActor}s, which record each increment as an SQL row. */
    public static final String SQL = "sql";
    private final Troupe troupe;
    private final PrintStream protocol;
    private final List<Thread> load = new ArrayList<>();
    private volatile boolean loading;

    private CounterWorker(Troupe troupe, PrintStream protocol) {
        this.troupe = troupe;
        this.protocol = protocol;
    }

    /** Arguments: the {@link StoreFactory} class name and its argument, optionally {@code history}, {@code storage} or {@code sql}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean history = args.length == 3 && args[2].equals(HISTORY);
        boolean storage = args.length == 3 && args[2].equals(STORAGE);
        boolean sql = args.length == 3 && args[2].equals(SQL);
        if (args.length != 2 && !history && !storage && !sql) {
            System.err.println("usage: CounterWorker <store factory class> <store argument> [" + HISTORY + "|"
                    + STORAGE + "|" + SQL + "]");
            System.exit(2);
        }
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Troupe troupe = Troupe.builder().store(StoreFactory.open(args[0], args[1]))
                .register(storage ? StoredCounterActor.class : sql ? SqlCounterActor.class : CounterActor.class, type -> {
                    if (history) {
                        type.history(options -> options.checkpointEvery(50));
                    }
                }).build();
        CounterWorker worker = new CounterWorker(troupe, protocol);
        worker.line("READY");
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String command;
            while ((command = commands.readLine()) != null) {
                worker.execute(command);
            }
        }
        worker.stopLoad();
        troupe.close();
        System.exit(0);
    }

    private void execute(String command) throws InterruptedException {
        String[] words = command.split(" ");
        switch (words[0]) {
            case "SCHEDULE" -> {
                counter(words[1]).incrementLater(Long.parseLong(words[2]), Long.parseLong(words[3]));
                line("SCHEDULED " + words[1]);
            }
            case "INCREMENT" -> {
                increment(words[1]);
                line("INCREMENTED " + words[1]);
            }
            case "LOAD" -> startLoad(Integer.parseInt(words[1]), Arrays.copyOfRange(words, 2, words.length));
            case "STOP" -> {
                stopLoad();
                line("STOPPED");
            }
            default -> throw new IllegalArgumentException("unknown command: " + command);
        }
    }

    private void startLoad(int threads, String[] keys) {
        if (!load.isEmpty()) {
            throw new IllegalStateException("a load is already running");
        }
        if (keys.length == 0) {
            throw new IllegalArgumentException("LOAD needs at least one key");
        }
        loading = true;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            load.add(Thread.ofVirtual().name("load-" + t).start(() -> {
                for (long i = 0; loading; i++) {
                    increment(keys[(int) ((thread + i) % keys.length)]);
                }
            }));
        }
    }

    private void stopLoad() throws InterruptedException {
        loading = false;
        for (Thread thread : load) {
            thread.join();
        }
        load.clear();
    }

    private void increment(String key) {
        line("SENT " + key);
        try {
            line("ACK " + key + " " + counter(key).increment(1));
        } catch (TroupeException e) {
            line("FAILED " + key + " " + e.error().qualifiedCode());
        }
    }

    private Counter counter(String key) {
        return troupe.actor(Counter.class, Key.of(key));
    }

    private void line(String text) {
        protocol.println(text);
    }
}
