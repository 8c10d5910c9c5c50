package dev.troupe.testing.crash;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.LoopRecorderActor;
import dev.troupe.testing.RecorderActor;
import dev.troupe.testing.Sender;
import dev.troupe.testing.SenderActor;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Troupe runtime of {@link SenderActor}s and {@link RecorderActor}s in a child JVM, driven through a
 * {@link WorkerProcess} like a {@link CounterWorker}: sender {@code s<p>} sends numbered one-way
 * messages to recorder {@code r<p>}, for each pair {@code p}.
 *
 * <table>
 *   <caption>Commands and what they print</caption>
 *   <tr><th>command</th><th>prints</th></tr>
 *   <tr><td>(start)</td><td>{@code READY} once the runtime is up</td></tr>
 *   <tr><td>{@code SETUP pairs}</td><td>{@code DONE} once every recorder exists</td></tr>
 *   <tr><td>{@code LOAD pairs threads batch send|enqueue}</td>
 *       <td>starts {@code threads} virtual threads that each, until the worker dies, ask sender
 *       {@code s<p>} to send its next {@code batch} numbers to {@code r<p>} (as one-way messages, or
 *       to its queue {@code jobs}), over the pairs in turn;
 *       each call prints {@code SENT s<p>} before and {@code ACK s<p> n} after, {@code n} being the last
 *       number sent so far (or {@code FAILED s<p> group/code})</td></tr>
 * </table>
 */
public final class MessagingWorker {
    private final Troupe troupe;
    private final PrintStream protocol;
    private final List<Thread> load = new ArrayList<>();

    private MessagingWorker(Troupe troupe, PrintStream protocol) {
        this.troupe = troupe;
        this.protocol = protocol;
    }

    /** The types a messaging runtime registers, on {@code store}'s builder. */
    public static Troupe.Builder register(Troupe.Builder builder) {
        return register(builder, false);
    }

    /**
     * The types a messaging runtime registers; with {@code loop} the recorders consume their queue with
     * a run loop ({@link LoopRecorderActor}) instead of a queue handler.
     */
    public static Troupe.Builder register(Troupe.Builder builder, boolean loop) {
        return builder.register(SenderActor.class)
                .register(loop ? LoopRecorderActor.class : RecorderActor.class, RecorderActor::options)
                .schedulePollInterval(Duration.ofMillis(100));
    }

    /** Arguments: the {@link StoreFactory} class name and its argument. */
    public static void main(String[] args) throws IOException {
        serve(args, false);
    }

    /** The worker whose recorders consume their queue with a run loop; the same arguments. */
    public static final class Looping {
        private Looping() {
        }

        /** Arguments: the {@link StoreFactory} class name and its argument. */
        public static void main(String[] args) throws IOException {
            serve(args, true);
        }
    }

    private static void serve(String[] args, boolean loop) throws IOException {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Troupe troupe = register(Troupe.builder().store(StoreFactory.open(args[0], args[1])), loop).build();
        MessagingWorker worker = new MessagingWorker(troupe, protocol);
        worker.protocol.println("READY");
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String command;
            while ((command = commands.readLine()) != null) {
                worker.execute(command.split(" "));
            }
        }
        System.exit(0);
    }

    private void execute(String[] words) {
        switch (words[0]) {
            case "SETUP" -> {
                for (int p = 0; p < Integer.parseInt(words[1]); p++) {
                    troupe.actor(Recorder.class, Key.of("r" + p)).total();
                }
                protocol.println("DONE");
            }
            case "LOAD" -> startLoad(Integer.parseInt(words[1]), Integer.parseInt(words[2]), Integer.parseInt(words[3]),
                    words[4].equals("enqueue"));
            default -> throw new IllegalArgumentException("unknown command: " + String.join(" ", words));
        }
    }

    private void startLoad(int pairs, int threads, int batch, boolean enqueue) {
        for (int t = 0; t < threads; t++) {
            int thread = t;
            load.add(Thread.ofVirtual().name("load-" + t).start(() -> {
                for (long i = 0; ; i++) {
                    send((int) ((thread + i) % pairs), batch, enqueue);
                }
            }));
        }
    }

    private void send(int pair, int batch, boolean enqueue) {
        String sender = "s" + pair;
        protocol.println("SENT " + sender);
        try {
            Sender actor = troupe.actor(Sender.class, Key.of(sender));
            long last = enqueue ? actor.enqueueNext("r" + pair, batch) : actor.sendNext("r" + pair, batch);
            protocol.println("ACK " + sender + " " + last);
        } catch (TroupeException e) {
            protocol.println("FAILED " + sender + " " + e.error().qualifiedCode());
        }
    }
}
