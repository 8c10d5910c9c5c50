package dev.troupe.bench.counters;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The counter as an idiomatic Apache Pekko typed actor: a mutable count in an
 * {@link AbstractBehavior}, replying to each command's {@code replyTo}.
 */
final class PekkoCounter extends AbstractBehavior<PekkoCounter.Command> {

    /** What the counter understands. */
    sealed interface Command permits Increment {
    }

    /**
     * Adds {@code amount} and replies with the new count.
     *
     * @param amount  the amount to add
     * @param replyTo who receives the new count
     */
    record Increment(long amount, ActorRef<Long> replyTo) implements Command {
    }

    private long count;

    private PekkoCounter(ActorContext<Command> context) {
        super(context);
    }

    static Behavior<Command> create() {
        return Behaviors.setup(PekkoCounter::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Increment.class, this::onIncrement).build();
    }

    private Behavior<Command> onIncrement(Increment increment) {
        count = Math.addExact(count, increment.amount());
        increment.replyTo().tell(count);
        return this;
    }
}
