package dev.troupe.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.LongNode;
import dev.troupe.ActorError;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.RawRequest;
import dev.troupe.TestTypes;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.ContentSettings;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostSettings;
import dev.troupe.host.HostedAction;
import dev.troupe.host.Placement;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.WebhookActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The runtime routes a message to a local activation only if the placement puts the actor here, and
 * hands everything else to the placement.
 */
class PlacementTest {
    private static final HostSettings SETTINGS = new HostSettings(100, Duration.ofSeconds(5),
            Duration.ofSeconds(1), Duration.ofMillis(50), 16, TimeSource.system(), ContentSettings.defaults());

    /** Puts the actors it is told about here and answers the rest as another node would. */
    private static final class TwoNodes implements Placement {
        final Set<Address> local = ConcurrentHashMap.newKeySet();
        final List<String> forwarded = new CopyOnWriteArrayList<>();

        @Override
        public boolean isLocal(Address address) {
            return local.contains(address);
        }

        @Override
        public CompletableFuture<Object> call(Address address, HostedAction action, Object[] args, Caller caller,
                                              CreateMode mode, Input input, @Nullable HostConnection via) {
            forwarded.add("call " + action.name() + " " + address);
            return CompletableFuture.completedFuture(LongNode.valueOf(42));
        }

        @Override
        public CompletableFuture<ActorInfo> create(Address address, Input input, Caller caller) {
            forwarded.add("create " + address);
            return CompletableFuture.completedFuture(new ActorInfo("id", address.type(), address.key(), java.time.Instant.EPOCH));
        }

        @Override
        public CompletableFuture<Void> destroy(Address address) {
            forwarded.add("destroy " + address);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Object> view(Address address, Caller caller, CreateMode mode, Input input) {
            forwarded.add("view " + address);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<HostConnection> connect(Address address, Caller caller, Map<String, Object> params,
                                                         ConnectionSink sink, CreateMode mode, Input input) {
            forwarded.add("connect " + address);
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<Void> scheduleDue(Address address) {
            forwarded.add("schedule " + address);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static ActorRuntime runtime(Placement placement) {
        return new ActorRuntime(new MemoryStore(),
                List.of(ActorType.of(TestTypes.definitionOf(CounterActor.class), TestTypes.defaults())), SETTINGS,
                placement);
    }

    @Test
    void callOfAnActorHostedElsewhere_isForwarded_andItsJsonResultTyped() {
        TwoNodes placement = new TwoNodes();
        try (ActorRuntime runtime = runtime(placement)) {
            Counter counter = runtime.handle(Counter.class, Key.of("far"));

            assertThat(counter.increment(1)).isEqualTo(42L);
            assertThat(placement.forwarded).containsExactly("call increment test-counter/[\"far\"]");
            assertThat(runtime.activeActors()).isZero();
        }
    }

    @Test
    void createAndDestroyOfAnActorHostedElsewhere_areForwarded() {
        TwoNodes placement = new TwoNodes();
        Address far = new Address("test-counter", Key.of("far"));
        try (ActorRuntime runtime = runtime(placement)) {
            runtime.create(far, Input.none(), Caller.system("test"), Duration.ofSeconds(5));
            runtime.destroy(far, Caller.system("test"), Duration.ofSeconds(5));

            assertThat(placement.forwarded).containsExactly("create " + far, "destroy " + far);
        }
    }

    @Test
    void dueScheduleOfAnActorThatMoved_wakesItsNewOwner() {
        TwoNodes placement = new TwoNodes();
        Address here = new Address("test-counter", Key.of("moving"));
        placement.local.add(here);
        try (ActorRuntime runtime = runtime(placement)) {
            Counter counter = runtime.handle(Counter.class, Key.of("moving"));
            counter.incrementLater(200, 1);
            placement.local.remove(here);
            runtime.release(here).join();

            await().atMost(Duration.ofSeconds(10)).until(() -> placement.forwarded.contains("schedule " + here));
            assertThat(runtime.activeActors()).isZero();
        }
    }

    @Test
    void release_putsTheActivationToSleep_afterItsWritesAreDurable() {
        TwoNodes placement = new TwoNodes();
        Address here = new Address("test-counter", Key.of("released"));
        placement.local.add(here);
        MemoryStore store = new MemoryStore();
        try (ActorRuntime runtime = new ActorRuntime(store,
                List.of(ActorType.of(TestTypes.definitionOf(CounterActor.class), TestTypes.defaults())), SETTINGS,
                placement)) {
            runtime.handle(Counter.class, Key.of("released")).increment(5);

            placement.local.remove(here);
            runtime.release(here).join();

            assertThat(runtime.isActive(here)).isFalse();
            assertThat(runtime.release(here)).isCompleted();
            assertThat(store.find("test-counter", Key.of("released"))).isPresent();
        }
    }

    @Test
    void rawRequestAndRawSocketToAnActorHostedElsewhere_areNotSupported_andNothingRuns() {
        TwoNodes placement = new TwoNodes();
        Address far = new Address("test-webhook", Key.of("far"));
        RawRequest request = new RawRequest("POST", "/hook", "", Map.of(), new byte[0]);
        try (ActorRuntime runtime = new ActorRuntime(new MemoryStore(),
                List.of(ActorType.of(TestTypes.definitionOf(WebhookActor.class), TestTypes.defaults())), SETTINGS,
                placement)) {
            assertThat(runtime.request(far, request, Caller.system("test"), CreateMode.GET_OR_CREATE))
                    .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.is(ErrorCode.NOT_SUPPORTED)).isTrue());
            assertThat(runtime.openRawSocket(far, request, Caller.system("test"), CreateMode.GET_OR_CREATE,
                    new ChannelSink() {
                        @Override
                        public void message(String json) {
                        }

                        @Override
                        public void closed(ActorError reason) {
                        }
                    })).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.is(ErrorCode.NOT_SUPPORTED)).isTrue());

            assertThat(placement.forwarded).isEmpty();
            assertThat(runtime.activeActors()).isZero();
        }
    }

    @Test
    void singleNode_hostsEveryActorHere() {
        assertThat(SingleNodePlacement.INSTANCE.isLocal(new Address("test-counter", Key.of("any")))).isTrue();
    }
}
