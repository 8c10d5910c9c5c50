package dev.troupe.demo;

import dev.troupe.Key;
import dev.troupe.Subscription;
import dev.troupe.Troupe;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./troupe demo}: runs the demo actors on the embedded SQLite store and shows what they do.
 */
@Command(name = "troupe demo", mixinStandardHelpOptions = true,
        description = "Runs the demo actors (counter, chat-room) on the embedded SQLite store or PostgreSQL.")
public final class DemoMain implements Callable<Integer> {

    @Option(names = "--store", defaultValue = "${env:TROUPE_STORE:-troupe-data}",
            description = "A directory for the embedded SQLite store, or a postgresql://user:password@host:port/db"
                    + " URI (default: ${DEFAULT-VALUE}, env TROUPE_STORE).")
    private String store;

    /** Runs the demo; the exit code is 0 on success. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(StoreOption.open(store))).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("demo", "visits"));
            ChatRoom room = troupe.actor(ChatRoom.class, Key.of("acme", "general"));
            CountDownLatch events = new CountDownLatch(2);
            try (Subscription counterEvents = troupe.ref(Counter.class, Key.of("demo", "visits"))
                    .subscribe((name, args) -> print("event  counter " + name + " " + args, events), "newCount");
                 Subscription roomEvents = troupe.ref(ChatRoom.class, Key.of("acme", "general"))
                    .subscribe((name, args) -> print("event  chat-room " + name + " " + args, events), "message")) {
                System.out.println("call   counter/[\"demo\",\"visits\"].increment(1) -> " + counter.increment(1));
                ChatMessage sent = room.send("demo", "hello from ./troupe demo");
                System.out.println("call   chat-room/[\"acme\",\"general\"].send(...) -> #" + sent.seq() + " " + sent.text());
                events.await(10, TimeUnit.SECONDS);
            }
            List<ChatMessage> history = room.history();
            System.out.println("state  counter = " + counter.count() + ", chat-room holds " + history.size()
                    + " message(s); both are durable in " + StoreOption.describe(store));
        }
        return 0;
    }

    private static void print(String line, CountDownLatch done) {
        System.out.println(line);
        done.countDown();
    }
}
