package dev.troupe.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Sends again the asks that sharding dropped before they reached their entity. While a shard is
 * handed off (a node leaving or rebalancing), a region buffers the messages for it and, when the
 * hand-off happens, drops them to dead letters rather than deliver them out of order (Pekko logs
 * "Dropping buffered messages to shard … during hand off"); a full buffer drops too. Their callers
 * would wait out the call timeout for a command that never ran. A dropped message was by definition
 * not processed, so sending it again cannot apply it twice: this actor, one per node, listens to the
 * node's dead letters and re-sends each dropped ask through sharding, after a pause growing with
 * each attempt, up to a bound, so that its original caller gets the answer. Only commands that carry
 * a reply address are sent again; their callers' deadlines still bound the wait.
 */
final class Redelivery {
    private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);
    private static final int MAX_ATTEMPTS = 20;
    private static final long PAUSE_MILLIS = 25;
    private static final long MAX_PAUSE_MILLIS = 250;
    private static final int REMEMBERED = 10_000;

    /** A dropped command to send again to the entity {@code entityId}. */
    private record Resend(String entityId, EntityCommand command) {
    }

    private final ActorContext<Object> context;
    private final ClusterSharding sharding;
    private final Map<EntityCommand, Integer> attempts = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EntityCommand, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    private Redelivery(ActorContext<Object> context, ClusterSharding sharding) {
        this.context = context;
        this.sharding = sharding;
    }

    /**
     * Starts the node's redelivery actor and subscribes it to the node's dead letters before returning,
     * so that nothing dropped from then on is missed.
     */
    static void start(ActorSystem<?> system, ClusterSharding sharding) {
        ActorRef<Object> redelivery = system.systemActorOf(
                Behaviors.setup(context -> new Redelivery(context, sharding).behavior()), "troupe-redelivery", Props.empty());
        org.apache.pekko.event.EventStream events = Adapter.toClassic(system).eventStream();
        events.subscribe(Adapter.toClassic(redelivery), Dropped.class);
        events.subscribe(Adapter.toClassic(redelivery), DeadLetter.class);
    }

    private Behavior<Object> behavior() {
        return Behaviors.receive(Object.class)
                .onMessage(Dropped.class, dropped -> lost(dropped.message()))
                .onMessage(DeadLetter.class, dead -> lost(dead.message()))
                .onMessage(Resend.class, this::resend)
                .build();
    }

    private Behavior<Object> lost(Object message) {
        // A Dropped sent to the dead letters actor (as a region's buffer drop does) is published wrapped
        // in a DeadLetter; unwrap it to the envelope.
        if (message instanceof Dropped dropped) {
            return lost(dropped.message());
        }
        if (message instanceof ShardingEnvelope<?> envelope && envelope.message() instanceof EntityCommand command
                && expectsReply(command)) {
            int attempt = attempts.merge(command, 1, Integer::sum);
            if (attempt > MAX_ATTEMPTS) {
                attempts.remove(command);
                LOG.warn("sharding dropped a {} for {} {} times; its caller will time out",
                        command.getClass().getSimpleName(), envelope.entityId(), MAX_ATTEMPTS);
            } else {
                long pause = Math.min(MAX_PAUSE_MILLIS, PAUSE_MILLIS * attempt);
                LOG.debug("sharding dropped a {} for {}; sending it again in {} ms (attempt {})",
                        command.getClass().getSimpleName(), envelope.entityId(), pause, attempt);
                context.scheduleOnce(Duration.ofMillis(pause), context.getSelf(),
                        new Resend(envelope.entityId(), command));
            }
        }
        return Behaviors.same();
    }

    private Behavior<Object> resend(Resend resend) {
        sharding.entityRefFor(ShardPlacement.ACTORS, resend.entityId()).tell(resend.command());
        return Behaviors.same();
    }

    /** Whether a caller waits for the command's answer (the others are fire-and-forget by design). */
    private static boolean expectsReply(EntityCommand command) {
        return switch (command) {
            case EntityCommand.Call call -> true;
            case EntityCommand.Create create -> true;
            case EntityCommand.Destroy destroy -> true;
            case EntityCommand.View view -> true;
            case EntityCommand.Connect connect -> true;
            case EntityCommand.SyncViews sync -> true;
            case EntityCommand.ConnectionView view -> true;
            case EntityCommand.Wake wake -> true;
            default -> false;
        };
    }
}
