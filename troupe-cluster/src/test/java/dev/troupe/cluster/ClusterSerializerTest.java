package dev.troupe.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.CreateMode;
import dev.troupe.json.Json;
import java.io.NotSerializableException;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** What crosses nodes survives the trip as JSON, actor references included. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ)
class ClusterSerializerTest {
    private ActorSystem<Void> system;
    private ClusterSerializer serializer;

    @BeforeAll
    void startSystem() {
        system = ActorSystem.create(Behaviors.empty(), "serializer-test",
                ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
        serializer = new ClusterSerializer((ExtendedActorSystem) Adapter.toClassic(system));
    }

    @AfterAll
    void stopSystem() {
        system.terminate();
    }

    @Test
    void call_withCallerArgsAndReplyTo_roundTrips() throws NotSerializableException {
        EntityCommand.Call call = new EntityCommand.Call("increment", Json.mapper().valueToTree(new long[] {5}),
                new Caller(dev.troupe.CallerType.CLIENT, "alice", Map.of("role", "admin")), CreateMode.GET_OR_CREATE,
                Json.mapper().valueToTree(Map.of("start", 1)), null,
                system.systemActorOf(Behaviors.<Reply>ignore(), "reply-to", Props.empty()));

        EntityCommand.Call back = (EntityCommand.Call) serializer.fromBinary(serializer.toBinary(call),
                serializer.manifest(call));

        assertThat(back.action()).isEqualTo("increment");
        assertThat(back.args().toString()).isEqualTo("[5]");
        assertThat(back.caller()).isEqualTo(call.caller());
        assertThat(back.mode()).isEqualTo(CreateMode.GET_OR_CREATE);
        assertThat(back.input()).isEqualTo(call.input());
        assertThat(back.connection()).isNull();
        assertThat(back.replyTo()).isEqualTo(call.replyTo());
    }

    @Test
    void failedReply_rethrowsTheOwnersError() throws NotSerializableException {
        Reply reply = Reply.failure(new TroupeException(ErrorCode.FENCED, "a newer activation exists"));

        Reply back = (Reply) serializer.fromBinary(serializer.toBinary(reply), serializer.manifest(reply));

        assertThat(back.error()).isEqualTo(new ActorError("actor", "fenced", "a newer activation exists", Map.of()));
        assertThatThrownBy(back::valueOrThrow).isInstanceOfSatisfying(TroupeException.class, e -> {
            assertThat(e.is(ErrorCode.FENCED)).isTrue();
            assertThat(e.status()).isEqualTo(503);
        });
    }

    @Test
    void manifestOfAClassThatIsNoClusterMessage_isRefused() {
        assertThatThrownBy(() -> serializer.fromBinary(new byte[] {'{', '}'}, String.class.getName()))
                .isInstanceOf(NotSerializableException.class);
    }
}
