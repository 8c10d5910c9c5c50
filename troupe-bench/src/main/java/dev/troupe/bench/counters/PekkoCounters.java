package dev.troupe.bench.counters;

import dev.troupe.demo.Counter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Apache Pekko typed counters with the default dispatcher, called the way a Java caller blocks on an
 * actor: {@code AskPattern.ask(...)} and a join on the reply. The competitor of issue #6.
 */
final class PekkoCounters implements CounterSystem {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

    private final ActorSystem<Void> system;
    private final Counter[] counters;

    private PekkoCounters(ActorSystem<Void> system, Counter[] counters) {
        this.system = system;
        this.counters = counters;
    }

    static PekkoCounters open(int size) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench-counters");
        Counter[] counters = new Counter[size];
        for (int i = 0; i < size; i++) {
            ActorRef<PekkoCounter.Command> ref = system.systemActorOf(PekkoCounter.create(), "counter-" + i, Props.empty());
            counters[i] = new Asking(ref, system.scheduler());
        }
        return new PekkoCounters(system, counters);
    }

    /** The Java caller's view of one Pekko counter. */
    private record Asking(ActorRef<PekkoCounter.Command> ref, Scheduler scheduler) implements Counter {
        @Override
        public long increment(long amount) {
            return AskPattern.<PekkoCounter.Command, Long>ask(ref,
                    replyTo -> new PekkoCounter.Increment(amount, replyTo), ASK_TIMEOUT, scheduler)
                    .toCompletableFuture().join();
        }

        @Override
        public long count() {
            return increment(0);
        }
    }

    @Override
    public Counter counter(int index) {
        return counters[index];
    }

    @Override
    public int size() {
        return counters.length;
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the Pekko actor system did not terminate", e);
        }
    }

    @Override
    public String toString() {
        return CounterSystems.PEKKO;
    }
}
