package dev.troupe.statechart.actor;

import static org.awaitility.Awaitility.await;

import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.store.Store;
import dev.troupe.testing.crash.StoreFactory;
import dev.troupe.testing.crash.WorkerProcess;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Troupe runtime serving {@link ProbeMachine}s with a {@link #DELAY} long {@code after} delay, in a
 * child JVM that a {@link WorkerProcess} drives, so that a test can kill it with SIGKILL while a delay
 * is pending. Its actors sleep as soon as they are idle.
 *
 * <p>Arguments: a {@link StoreFactory} class name and its argument. It prints {@code READY} once up, and
 * reads commands from stdin: {@code SEND key event-json} sends the event as client {@code ann} and
 * prints {@code DONE} once it is acknowledged; {@code SLEEP} prints {@code DONE} once no actor is in
 * memory. At the end of stdin it closes the runtime and exits.
 */
public final class MachineWorker {
    /** The delay of {@code waiting}: long enough to outlast the worker, short enough for a test. */
    static final Duration DELAY = Duration.ofSeconds(5);

    private static final Caller ANN = Caller.client("ann");
    private static final Duration SLEEP_TIMEOUT = Duration.ofSeconds(30);

    private MachineWorker() {
    }

    /** Runs the worker; see the class description. */
    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        try (Troupe troupe = runtime(StoreFactory.open(args[0], args[1]));
             BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            protocol.println("READY");
            String command;
            while ((command = commands.readLine()) != null) {
                execute(troupe, command);
                protocol.println("DONE");
            }
        }
        System.exit(0);
    }

    private static Troupe runtime(Store store) {
        return Troupe.builder().store(store)
                .register(ProbeMachine.definition(DELAY.toMillis()), type -> type.allow(CallerType.CLIENT))
                .sleepAfter(Duration.ofMillis(20))
                .idleCheckInterval(Duration.ofMillis(20))
                .build();
    }

    private static void execute(Troupe troupe, String command) throws Exception {
        String[] words = command.split(" ", 3);
        switch (words[0]) {
            case "SEND" -> send(troupe, words[1], words[2]);
            case "SLEEP" -> await("every actor asleep").atMost(SLEEP_TIMEOUT)
                    .until(() -> troupe.stats().activeActors() == 0);
            default -> throw new IllegalArgumentException("unknown command: " + command);
        }
    }

    private static void send(Troupe troupe, String key, String event) throws Exception {
        HostedAction send = troupe.host().type(ProbeMachine.TYPE).action(MachineActor.SEND);
        troupe.host().call(new Address(ProbeMachine.TYPE, Key.of(key)), send,
                send.decodeArgs(Json.mapper().readTree("[" + event + "]")), ANN, CreateMode.GET_OR_CREATE,
                Input.none(), null).get(30, TimeUnit.SECONDS);
    }
}
