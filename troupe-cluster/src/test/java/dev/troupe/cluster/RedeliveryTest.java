package dev.troupe.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.troupe.Caller;
import dev.troupe.host.CreateMode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Redelivery} on a one-node cluster: a command that a region dropped, sent to dead letters the
 * way Pekko does when it drops a shard's buffer at hand-off, reaches its entity once and its caller
 * gets the answer.
 */
class RedeliveryTest {
    private final AtomicInteger calls = new AtomicInteger();
    private ActorSystem<Void> system;

    @BeforeEach
    void startOneNodeCluster() throws Exception {
        int port = NodeProcess.freePort();
        system = ActorSystem.create(Behaviors.empty(), ClusterConfig.DEFAULT_SYSTEM_NAME,
                PekkoSettings.of(ClusterConfig.of("127.0.0.1", port, List.of("127.0.0.1:" + port))));
        ClusterSharding sharding = ClusterSharding.get(system);
        sharding.init(Entity.of(ShardPlacement.ACTORS, context -> Behaviors.receive(EntityCommand.class)
                .onMessage(EntityCommand.Call.class, call -> {
                    calls.incrementAndGet();
                    call.replyTo().tell(Reply.of(TextNode.valueOf("ran " + call.action())));
                    return Behaviors.same();
                })
                .build()));
        Redelivery.start(system, sharding);
        CompletableFuture<Void> up = new CompletableFuture<>();
        Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> up.complete(null));
        up.get(60, SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, SECONDS);
    }

    @Test
    void aCallDroppedAtHandOff_runsOnceAndItsCallerGetsTheAnswer() throws Exception {
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        ActorRef<Reply> caller = system.systemActorOf(Behaviors.receive(Reply.class).onMessage(Reply.class, reply -> {
            answer.complete(reply);
            return Behaviors.stopped();
        }).build(), "caller", Props.empty());
        EntityCommand.Call call = new EntityCommand.Call("increment", JsonNodeFactory.instance.arrayNode(),
                Caller.system("test"), CreateMode.GET_OR_CREATE, NullNode.getInstance(), null, caller);

        org.apache.pekko.actor.ActorRef deadLetters = Adapter.toClassic(system).deadLetters();
        deadLetters.tell(new Dropped(new ShardingEnvelope<>("counter/[\"a\"]", call),
                "Avoiding reordering of buffered messages at shard handoff", Adapter.toClassic(caller), deadLetters),
                Adapter.toClassic(caller));

        assertThat(answer.get(60, SECONDS).value().asText()).isEqualTo("ran increment");
        assertThat(calls).hasValue(1);
    }
}
