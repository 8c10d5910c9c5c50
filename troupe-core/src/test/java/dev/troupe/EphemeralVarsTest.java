package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.history.History;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Ephemeral vars are the fields of an actor instance: one instance per activation, so they live while
 * the actor is awake, are built again on every wake (and restart), and are never stored or recorded.
 */
class EphemeralVarsTest {

    /** A cache in fields next to a count in the state. */
    @ActorContract("test-vars")
    public interface Cached {
        /** Caches a value derived from {@code key} and counts the call in the state; the cache's size. */
        int remember(String key);

        /** {@code "<cache size>/<count>/<instance>"}: what this activation holds. */
        String peek();

        /** Puts the actor to sleep after this turn. */
        void nap();
    }

    /** The actor: {@code cache} and {@code instance} are its vars. */
    public static final class CachedActor extends Actor<CachedActor.State> implements Cached {
        static final AtomicInteger INSTANCES = new AtomicInteger();

        /** The durable part. */
        public record State(long count) {
        }

        private final Map<String, String> cache = new HashMap<>();
        private final int instance = INSTANCES.incrementAndGet();
        private String client = "none";

        @Override
        protected State initialState(Input input) {
            return new State(0);
        }

        @Override
        protected void onWake() {
            client = "client-" + instance;
        }

        @Override
        public int remember(String key) {
            cache.put(key, "derived-" + key + "-" + client);
            update(s -> new State(s.count() + 1));
            return cache.size();
        }

        @Override
        public String peek() {
            return cache.size() + "/" + state().count() + "/" + client;
        }

        @Override
        public void nap() {
            sleep();
        }
    }

    @Test
    void varsLiveWhileAwake_areBuiltAgainOnWake_andAreNeitherStoredNorRecorded() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = Troupe.builder().store(store).register(CachedActor.class, type -> type.history()).build()) {
            Cached actor = troupe.actor(Cached.class, Key.of("vars"));
            assertThat(actor.remember("a")).isEqualTo(1);
            assertThat(actor.remember("b")).isEqualTo(2);
            String awake = actor.peek();
            assertThat(awake).startsWith("2/2/client-");

            actor.nap();
            await().atMost(Duration.ofSeconds(5)).until(() -> troupe.stats().activeActors() == 0);

            String woken = actor.peek();
            assertThat(woken).as("the cache is empty, the count kept, the client built again by onWake")
                    .startsWith("0/2/client-").isNotEqualTo(awake.replaceFirst("^2", "0"));
            String state = store.find("test-vars", Key.of("vars")).orElseThrow().state();
            assertThat(state).isEqualTo("{\"count\":2}");
            History history = troupe.history(Cached.class, Key.of("vars"));
            assertThat(history.entries(0, 100)).extracting(HistoryEntry::message)
                    .noneMatch(message -> message.contains("derived-") || message.contains("client-"));
            assertThat(history.entries(0, 100)).extracting(HistoryEntry::outcome)
                    .noneMatch(outcome -> outcome.contains("derived-"));
        }
    }
}
