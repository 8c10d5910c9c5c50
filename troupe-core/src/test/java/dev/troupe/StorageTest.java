package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.history.History;
import dev.troupe.history.ReplayReport;
import dev.troupe.json.Json;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.Store;
import dev.troupe.testing.FaultyStore;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** An actor's own key–value storage: part of the turn, durable with the state, replayable. */
class StorageTest {
    /** Notes kept in storage, with the number of writes in the state. */
    @ActorContract("test-notebook")
    public interface Notebook {
        long write(String key, String text);

        String writeAndRead(String key, String text);

        long writeThenFail(String key, String text);

        boolean erase(String key);

        @ReadOnly
        String read(String key);

        @ReadOnly
        List<String> keys(String prefix);

        @ReadOnly
        void writeWhileReading(String key);

        @ReadOnly
        long writes();
    }

    /** Implements {@link Notebook}. */
    public static final class NotebookActor extends Actor<NotebookActor.State> implements Notebook {
        /** The state: how many writes committed. */
        public record State(long writes) {
        }

        @Override
        protected State initialState(Input input) {
            return new State(0);
        }

        @Override
        public long write(String key, String text) {
            storage().put(key, text);
            return update(s -> new State(s.writes() + 1)).writes();
        }

        @Override
        public String writeAndRead(String key, String text) {
            storage().put(key, text);
            storage().delete("gone");
            return storage().get(key, String.class).orElseThrow() + " " + storage().keys("");
        }

        @Override
        public long writeThenFail(String key, String text) {
            write(key, text);
            throw new UserException("refused", "not today");
        }

        @Override
        public boolean erase(String key) {
            return storage().delete(key);
        }

        @Override
        public String read(String key) {
            return storage().get(key, String.class).orElse(null);
        }

        @Override
        public List<String> keys(String prefix) {
            return storage().keys(prefix);
        }

        @Override
        public void writeWhileReading(String key) {
            storage().put(key, "sneaky");
        }

        @Override
        public long writes() {
            return state().writes();
        }
    }

    private static Troupe troupe(Store store, Consumer<TypeOptions> options) {
        return Troupe.builder().store(store).register(NotebookActor.class, options::accept).build();
    }

    @Test
    void changes_areVisibleToLaterTurns_andDurableAcrossActivations() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store, type -> { })) {
            Notebook book = troupe.actor(Notebook.class, Key.of("b"));
            book.write("note/1", "one");
            book.write("note/2", "two");
            book.write("other", "x");
            assertThat(book.erase("other")).isTrue();
            assertThat(book.erase("other")).isFalse();
            assertThat(book.read("note/1")).isEqualTo("one");
            assertThat(book.keys("note/")).containsExactly("note/1", "note/2");
        }
        try (Troupe troupe = troupe(store, type -> { })) {
            Notebook book = troupe.actor(Notebook.class, Key.of("b"));
            assertThat(book.read("note/2")).isEqualTo("two");
            assertThat(book.keys("")).containsExactly("note/1", "note/2");
            assertThat(book.writes()).isEqualTo(3);
        }
    }

    @Test
    void aTurn_readsItsOwnChanges_overTheStoredOnes() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notebook book = troupe.actor(Notebook.class, Key.of("b"));
            book.write("gone", "soon");
            book.write("a", "old");

            assertThat(book.writeAndRead("a", "new")).isEqualTo("new [a]");
            assertThat(book.read("gone")).isNull();
        }
    }

    @Test
    void aTurnThatThrows_leavesNoStorageChange() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notebook book = troupe.actor(Notebook.class, Key.of("b"));
            book.write("k", "kept");

            assertThatThrownBy(() -> book.writeThenFail("k", "lost")).isInstanceOf(UserException.class);

            assertThat(book.read("k")).isEqualTo("kept");
            assertThat(book.writes()).isEqualTo(1);
            assertThatThrownBy(() -> book.writeWhileReading("k")).isInstanceOf(TroupeException.class);
            assertThat(book.read("k")).isEqualTo("kept");
        }
    }

    @Test
    void aFailedCommit_losesStateAndStorageTogether_andTheActorReloadsWhatIsDurable() {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = troupe(store, type -> { })) {
            Notebook book = troupe.actor(Notebook.class, Key.of("b"));
            book.write("k", "durable");
            store.failNextCommits(1);

            assertThatThrownBy(() -> book.write("k", "lost")).isInstanceOf(TroupeException.class);

            assertThat(book.read("k")).isEqualTo("durable");
            assertThat(book.writes()).isEqualTo(1);
            String id = store.find("test-notebook", Key.of("b")).map(ActorRecord::id).orElseThrow();
            assertThat(new String(store.storage(id).get("k"), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("\"durable\"");
        }
    }

    @Test
    void limits_refuseTheWrite_withTheirCodes() {
        try (Troupe troupe = troupe(new MemoryStore(), type -> { })) {
            Notebook book = troupe.actor(Notebook.class, Key.of("b"));

            assertThatThrownBy(() -> book.write("k".repeat(Storage.MAX_KEY_LENGTH + 1), "x"))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().is(ErrorCode.INVALID_ARGS)).isTrue());
            assertThatThrownBy(() -> book.write("", "x"))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().is(ErrorCode.INVALID_ARGS)).isTrue());
            assertThatThrownBy(() -> book.write("big", "x".repeat(Storage.MAX_VALUE_BYTES)))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().is(ErrorCode.MESSAGE_TOO_LARGE)).isTrue());
            assertThat(book.writes()).isZero();
            assertThat(book.keys("")).isEmpty();
        }
    }

    @Test
    void destroy_deletesTheStorage() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store, type -> type.allow(CallerType.SYSTEM))) {
            Notebook book = troupe.actor(Notebook.class, Key.of("b"));
            book.write("k", "v");
            String id = store.find("test-notebook", Key.of("b")).map(ActorRecord::id).orElseThrow();

            troupe.ref(Notebook.class, Key.of("b")).destroy();

            assertThat(store.storage(id)).isEmpty();
            assertThat(troupe.actor(Notebook.class, Key.of("b")).keys("")).isEmpty();
        }
    }

    @Test
    void withHistory_readsAreRecordedEffects_andReplayReproducesTheChain() throws Exception {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store, TypeOptions::history)) {
            Notebook book = troupe.actor(Notebook.class, Key.of("h"));
            book.write("a", "1");
            book.writeAndRead("a", "2");
            book.write("b", "3");
            book.erase("a");

            History history = troupe.history(Notebook.class, Key.of("h"));
            ReplayReport replay = history.replay();

            assertThat(replay.deterministic()).as(replay.problem()).isTrue();
            assertThat(history.verify().valid()).isTrue();
            assertThat(Json.mapper().readTree(history.entries(3, 1).getFirst().effects()))
                    .extracting(effect -> effect.path("name").asText()).containsExactly("storage.get", "storage.keys");
        }
    }
}
