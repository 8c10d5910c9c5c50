package dev.troupe;

import static dev.troupe.testing.WatchedActor.changesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Watched;
import dev.troupe.testing.WatchedActor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Actor.onStateChange}: when it runs, what it sees, and what it may not do. */
class OnStateChangeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static MemoryStore store;
    private static Troupe troupe;

    @BeforeAll
    static void start() {
        store = new MemoryStore();
        troupe = Troupe.builder().store(store).register(WatchedActor.class).build();
    }

    @AfterAll
    static void stop() {
        troupe.close();
    }

    private static Watched watched(String key) {
        return troupe.actor(Watched.class, Key.of(key));
    }

    private static String stored(String key) {
        return store.find("test-watched", Key.of(key)).orElseThrow().state();
    }

    @Test
    void turnThatChangesTheState_runsTheHookOnce_withTheStateBeforeAndAfterTheTurn() {
        Watched watched = watched("changing");

        watched.set(5);
        watched.addTwice(1);

        assertThat(changesOf("changing")).containsExactly("0->5", "5->7");
    }

    @Test
    void turnsThatChangeNothing_orThrow_doNotRunTheHook_andCreationDoesNotEither() {
        Watched watched = watched("unchanged");

        watched.keep();
        assertThat(watched.value()).isZero();
        assertThatThrownBy(() -> watched.setThenFail(9))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.error().code()).isEqualTo("refused"));

        assertThat(watched.value()).isZero();
        assertThat(changesOf("unchanged")).as("creation, keep, value and a thrown turn").isEmpty();
    }

    @Test
    void broadcastFromTheHook_reachesSubscribers() {
        List<List<Object>> received = new CopyOnWriteArrayList<>();
        try (Subscription subscription = troupe.ref(Watched.class, Key.of("broadcasting"))
                .subscribe((name, args) -> received.add(args), "changed")) {
            watched("broadcasting").set(3);

            await().atMost(WAIT).until(() -> !received.isEmpty());
            assertThat(received).containsExactly(List.of(0L, 3L));
        }
    }

    @Test
    void hookThatChangesTheStateAgain_failsTheTurn_andLeavesNoTrace() {
        List<List<Object>> received = new CopyOnWriteArrayList<>();
        try (Subscription subscription = troupe.ref(Watched.class, Key.of("meddling"))
                .subscribe((name, args) -> received.add(args), "changed")) {
            Watched watched = watched("meddling");
            watched.set(4);

            assertThatThrownBy(() -> watched.set(Watched.CHANGE_AGAIN))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INTERNAL_ERROR)).isTrue());

            assertThat(watched.value()).isEqualTo(4);
            assertThat(stored("meddling")).isEqualTo("{\"value\":4}");
            assertThat(watched.set(6)).isEqualTo(6);
            await().atMost(WAIT).until(() -> received.size() == 2);
            assertThat(received).as("the failed turn's broadcast is dropped").containsExactly(List.of(0L, 4L), List.of(4L, 6L));
        }
    }

    @Test
    void hookThatThrows_failsTheTurn_andLeavesNoTrace() {
        Watched watched = watched("throwing");
        watched.set(2);

        assertThatThrownBy(() -> watched.set(Watched.THROW))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INTERNAL_ERROR)).isTrue());

        assertThat(watched.value()).isEqualTo(2);
        assertThat(stored("throwing")).isEqualTo("{\"value\":2}");
        assertThat(changesOf("throwing")).containsExactly("0->2", "2->-2");
    }
}
