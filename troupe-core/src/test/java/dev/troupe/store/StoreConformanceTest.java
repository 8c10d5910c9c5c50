package dev.troupe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.Key;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite (TCK) that every {@link Store} passes: subclass it, return a fresh, empty
 * store from {@link #newStore()} and, for a durable store, override {@link #reopen(Store)} so that the
 * suite also checks what survives a restart.
 *
 * <p>Besides the example-based tests it runs a model-based check: seeded random operation sequences
 * applied both to the store under test and to a {@link MemoryStore}, comparing every observable result
 * after each operation (see {@link ModelCheck}).
 *
 * <p>Instants in the suite have microsecond precision, the finest a store must keep.
 */
public abstract class StoreConformanceTest {
    /** An instant all test times are relative to. */
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    /** An actor type used throughout the suite. */
    protected static final String COUNTER = "counter";
    /** A second actor type, to check that types are kept apart. */
    protected static final String ROOM = "chat-room";

    private Store store;

    /** For the store modules' subclasses. */
    protected StoreConformanceTest() {
    }

    /** A fresh, empty store; called once per test. */
    protected abstract Store newStore();

    /**
     * Closes {@code old} and opens the same location again. The default returns {@code old}: a store
     * that keeps nothing across a restart has nothing more to check.
     */
    protected Store reopen(Store old) {
        return old;
    }

    /** The store under test in the current test. */
    protected final Store store() {
        return store;
    }

    /** Replaces the store under test with a reopened one, see {@link #reopen(Store)}. */
    protected final void reopenStore() {
        store = reopen(store);
    }

    @BeforeEach
    final void openStore() {
        store = newStore();
    }

    @AfterEach
    final void closeStore() {
        store.close();
    }

    // ---- fixtures ----

    /** {@link #T0} plus the given number of microseconds. */
    protected static Instant at(long micros) {
        return T0.plus(micros, ChronoUnit.MICROS);
    }

    /** A record with a small state, epoch 1 and a creation time with microsecond precision. */
    protected static ActorRecord actor(String id, String type, Key key) {
        return new ActorRecord(id, type, key, "{\"n\":0}", 1, 1, at(123_456));
    }

    /** A schedule calling {@code tick} with one argument. */
    protected static ScheduleRecord schedule(String id, String actorId, Instant dueAt) {
        return new ScheduleRecord(id, actorId, dueAt, "tick", "[\"" + id + "\"]");
    }

    /** A write of one activation. */
    protected static ActorWrite write(String actorId, long epoch, String state, ScheduleChange... changes) {
        return new ActorWrite(actorId, epoch, state, 2, List.of(changes));
    }

    /** A schedule put. */
    protected static ScheduleChange put(ScheduleRecord schedule) {
        return new ScheduleChange.Put(schedule);
    }

    /** A schedule removal. */
    protected static ScheduleChange remove(String scheduleId) {
        return new ScheduleChange.Remove(scheduleId);
    }

    /** A schedule moved to a new due time. */
    protected static ScheduleChange move(String scheduleId, Instant dueAt) {
        return new ScheduleChange.Move(scheduleId, dueAt);
    }

    private ActorRecord created(String id, String type, Key key, ScheduleRecord... schedules) {
        ActorRecord record = actor(id, type, key);
        assertThat(store.create(record, List.of(schedules))).as("create %s", id).isTrue();
        return record;
    }

    private List<ScheduleRecord> allSchedules() {
        return store.dueSchedules(Instant.MAX, Integer.MAX_VALUE).stream().map(DueSchedule::schedule).toList();
    }

    private List<String> allScheduleIds() {
        return allSchedules().stream().map(ScheduleRecord::id).toList();
    }

    private ActorRecord current(String id) {
        return store.findById(id).orElseThrow();
    }

    // ---- create, find, activate ----

    @Test
    void create_thenFindByKeyAndById_returnTheRecord() {
        ActorRecord record = created("a1", COUNTER, Key.of("acme", "visits"));

        assertThat(store.find(COUNTER, Key.of("acme", "visits"))).contains(record);
        assertThat(store.findById("a1")).contains(record);
    }

    @Test
    void find_absentActor_isEmpty() {
        created("a1", COUNTER, Key.of("acme"));

        assertThat(store.find(COUNTER, Key.of("other"))).isEmpty();
        assertThat(store.find(ROOM, Key.of("acme"))).isEmpty();
        assertThat(store.findById("nope")).isEmpty();
    }

    @Test
    void create_keepsEveryFieldOfTheRecord() {
        ActorRecord record = new ActorRecord("a1", ROOM, Key.of("x"), "{\"messages\":[\"hi\"],\"n\":1.5}", 7, 42,
                Instant.parse("2024-02-29T12:34:56.789012Z"));

        store.create(record, List.of());

        assertThat(store.findById("a1")).contains(record);
    }

    @Test
    void instants_keepMicrosecondPrecision_evenBeforeTheUnixEpoch() {
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
        Instant afterEpoch = Instant.parse("2100-06-30T00:00:00.000001Z");
        ActorRecord record = new ActorRecord("a1", COUNTER, Key.of("x"), "{}", 1, 1, beforeEpoch);

        store.create(record, List.of(schedule("s1", "a1", beforeEpoch), schedule("s2", "a1", afterEpoch)));

        assertThat(current("a1").createdAt()).isEqualTo(beforeEpoch);
        assertThat(allSchedules()).extracting(ScheduleRecord::dueAt).containsExactly(beforeEpoch, afterEpoch);
        assertThat(store.nextDueAt()).contains(beforeEpoch);
    }

    @Test
    void activate_incrementsTheEpochEachTime() {
        created("a1", COUNTER, Key.of("acme"));

        Optional<ActorRecord> first = store.activate(COUNTER, Key.of("acme"));
        Optional<ActorRecord> second = store.activate(COUNTER, Key.of("acme"));

        assertThat(first).map(ActorRecord::epoch).contains(2L);
        assertThat(second).map(ActorRecord::epoch).contains(3L);
        assertThat(second).contains(actor("a1", COUNTER, Key.of("acme")).withEpoch(3));
        assertThat(current("a1").epoch()).isEqualTo(3);
    }

    @Test
    void activate_absentActor_isEmptyAndCreatesNothing() {
        assertThat(store.activate(COUNTER, Key.of("ghost"))).isEmpty();
        assertThat(store.find(COUNTER, Key.of("ghost"))).isEmpty();
        assertThat(store.scan(COUNTER, null, 10)).isEmpty();
    }

    @Test
    void activate_touchesOnlyThatActor() {
        created("a1", COUNTER, Key.of("one"));
        created("a2", COUNTER, Key.of("two"));

        store.activate(COUNTER, Key.of("one"));

        assertThat(current("a2").epoch()).isEqualTo(1);
    }

    @Test
    void create_duplicateKey_returnsFalseAndChangesNothing() {
        ActorRecord original = created("a1", COUNTER, Key.of("acme"), schedule("s1", "a1", at(1)));
        ActorRecord duplicate = new ActorRecord("a2", COUNTER, Key.of("acme"), "{\"other\":true}", 9, 9, at(5));

        boolean created = store.create(duplicate, List.of(schedule("s2", "a2", at(0))));

        assertThat(created).isFalse();
        assertThat(store.find(COUNTER, Key.of("acme"))).contains(original);
        assertThat(store.findById("a2")).isEmpty();
        assertThat(allScheduleIds()).containsExactly("s1");
        assertThat(store.scan(COUNTER, null, 10)).containsExactly(original);
    }

    @Test
    void create_idInUseUnderAnotherKey_returnsFalseAndChangesNothing() {
        ActorRecord original = created("a1", COUNTER, Key.of("acme"));

        boolean created = store.create(actor("a1", COUNTER, Key.of("other")), List.of(schedule("s1", "a1", at(0))));

        assertThat(created).isFalse();
        assertThat(store.findById("a1")).contains(original);
        assertThat(store.find(COUNTER, Key.of("other"))).isEmpty();
        assertThat(allScheduleIds()).isEmpty();
    }

    @Test
    void create_keysThatDifferOnlyByPartBoundaries_areDistinctActors() {
        ActorRecord joined = created("a1", COUNTER, Key.of("a,b"));
        ActorRecord split = created("a2", COUNTER, Key.of("a", "b"));
        ActorRecord quoted = created("a3", COUNTER, Key.of("a\",\"b"));
        ActorRecord prefix = created("a4", COUNTER, Key.of("a"));

        assertThat(store.find(COUNTER, Key.of("a,b"))).contains(joined);
        assertThat(store.find(COUNTER, Key.of("a", "b"))).contains(split);
        assertThat(store.find(COUNTER, Key.of("a\",\"b"))).contains(quoted);
        assertThat(store.find(COUNTER, Key.of("a"))).contains(prefix);
        assertThat(store.find(COUNTER, Key.of("ab"))).isEmpty();
    }

    @Test
    void create_sameKeyUnderTwoTypes_areDistinctActors() {
        ActorRecord counter = created("a1", COUNTER, Key.of("acme"));
        ActorRecord room = created("a2", ROOM, Key.of("acme"));

        assertThat(store.find(COUNTER, Key.of("acme"))).contains(counter);
        assertThat(store.find(ROOM, Key.of("acme"))).contains(room);
    }

    @Test
    void create_emptyKey_isASingletonDistinctFromOtherKeys() {
        ActorRecord singleton = created("a1", COUNTER, Key.empty());
        created("a2", COUNTER, Key.of("x"));

        assertThat(store.find(COUNTER, Key.empty())).contains(singleton);
        assertThat(store.find(COUNTER, Key.of())).contains(singleton);
        assertThat(store.create(actor("a3", COUNTER, Key.empty()), List.of())).isFalse();
        assertThat(store.activate(COUNTER, Key.empty())).map(ActorRecord::id).contains("a1");
    }

    @Test
    void create_unicodeAndSpecialCharacterKeyParts_roundTrip() {
        Key key = Key.of("Grüße", "日本語", "🎭", "quote\"back\\slash", "tab\tnew\nline", "nul\u0000", "[\"x\"]");
        ActorRecord record = created("a1", ROOM, key);

        assertThat(store.find(ROOM, Key.of(List.copyOf(key.parts())))).contains(record);
        assertThat(store.findById("a1")).map(ActorRecord::key).contains(key);
        assertThat(store.find(ROOM, Key.of("Grüße", "日本語", "🎭"))).isEmpty();
        assertThat(store.find(ROOM, Key.of("Gruße", "日本語", "🎭", "quote\"back\\slash", "tab\tnew\nline",
                "nul\u0000", "[\"x\"]"))).isEmpty();
    }

    @Test
    void create_withSchedules_makesThemDueAtOnce() {
        created("a1", COUNTER, Key.of("acme"), schedule("s1", "a1", at(10)), schedule("s2", "a1", at(5)));

        assertThat(store.dueSchedules(at(10), 10)).containsExactly(
                new DueSchedule(schedule("s2", "a1", at(5)), COUNTER, Key.of("acme")),
                new DueSchedule(schedule("s1", "a1", at(10)), COUNTER, Key.of("acme")));
    }

    @Test
    void create_withScheduleOfAnotherActor_isRejectedAndChangesNothing() {
        assertThatThrownBy(() -> store.create(actor("a1", COUNTER, Key.of("x")),
                List.of(schedule("s1", "a1", at(0)), schedule("s2", "a2", at(0)))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.findById("a1")).isEmpty();
        assertThat(allScheduleIds()).isEmpty();
    }

    // ---- storage ----

    private static ActorWrite storageWrite(String id, long epoch, @Nullable String state, StorageChange... changes) {
        return new ActorWrite(id, epoch, state, 1, List.of(), List.of(), null, List.of(), List.of(), List.of(changes));
    }

    private static StorageChange set(String key, String value) {
        return new StorageChange(key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private java.util.Map<String, String> storageOf(String id) {
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        store.storage(id).forEach((key, value) -> texts.put(key, new String(value, java.nio.charset.StandardCharsets.UTF_8)));
        return texts;
    }

    @Test
    void storage_changesApplyInOrderWithTheState_andComeBackByteForByteInKeyOrder() {
        created("a1", COUNTER, Key.of("acme"));

        store.commit(List.of(storageWrite("a1", 1, "{\"n\":1}", set("b", "2"), set("a", "1"), set("c", "x"),
                new StorageChange("c", null), set("b", "\"two\""))));
        byte[] binary = {0, (byte) 0xff, 10, 13};
        store.commit(List.of(storageWrite("a1", 1, null, new StorageChange("bin", binary))));
        reopenStore();

        assertThat(storageOf("a1")).containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "\"two\""),
                java.util.Map.entry("bin", new String(binary, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(store.storage("a1").get("bin")).containsExactly(binary);
        assertThat(store.findById("a1").orElseThrow().state()).isEqualTo("{\"n\":1}");
        assertThat(store.storage("nobody")).isEmpty();
    }

    @Test
    void storage_ofAFencedWrite_isNotApplied_andOtherActorsAreApart() {
        created("a1", COUNTER, Key.of("acme"));
        created("a2", COUNTER, Key.of("other"));
        store.commit(List.of(storageWrite("a1", 1, null, set("k", "old")), storageWrite("a2", 1, null, set("k", "mine"))));
        store.activate(COUNTER, Key.of("acme"));

        CommitResult result = store.commit(List.of(storageWrite("a1", 1, "{\"n\":9}", set("k", "stale"), set("new", "1"))));

        assertThat(result.fenced()).containsExactly("a1");
        assertThat(storageOf("a1")).containsExactly(java.util.Map.entry("k", "old"));
        assertThat(storageOf("a2")).containsExactly(java.util.Map.entry("k", "mine"));
    }

    @Test
    void storage_isDeletedWithTheActor() {
        created("a1", COUNTER, Key.of("acme"));
        store.commit(List.of(storageWrite("a1", 1, null, set("k", "v"))));

        assertThat(store.destroy("a1", 1)).isTrue();
        reopenStore();

        assertThat(store.storage("a1")).isEmpty();
    }

    // ---- commit ----

    @Test
    void commit_newState_isVisibleAndKeepsIdentityAndEpoch() {
        ActorRecord record = created("a1", COUNTER, Key.of("acme"));

        CommitResult result = store.commit(List.of(write("a1", 1, "{\"n\":5}")));

        assertThat(result.fenced()).isEmpty();
        ActorRecord expected = new ActorRecord("a1", COUNTER, Key.of("acme"), "{\"n\":5}", 2, 1, record.createdAt());
        assertThat(store.findById("a1")).contains(expected);
        assertThat(store.find(COUNTER, Key.of("acme"))).contains(expected);
    }

    @Test
    void commit_withNullState_changesOnlySchedules() {
        ActorRecord record = created("a1", COUNTER, Key.of("acme"), schedule("s1", "a1", at(1)));

        CommitResult result = store.commit(List.of(
                new ActorWrite("a1", 1, null, 99, List.of(remove("s1"), put(schedule("s2", "a1", at(2)))))));

        assertThat(result.fenced()).isEmpty();
        assertThat(store.findById("a1")).contains(record);
        assertThat(allScheduleIds()).containsExactly("s2");
    }

    @Test
    void commit_fromStaleEpoch_isRefused() {
        ActorRecord record = created("a1", COUNTER, Key.of("acme"), schedule("s1", "a1", at(1)));
        store.activate(COUNTER, Key.of("acme"));

        CommitResult result = store.commit(List.of(
                write("a1", 1, "{\"n\":666}", remove("s1"), put(schedule("s2", "a1", at(2))))));

        assertThat(result.fenced()).containsExactly("a1");
        assertThat(store.findById("a1")).contains(record.withEpoch(2));
        assertThat(allScheduleIds()).containsExactly("s1");
    }

    @Test
    void commit_fromEpochNewerThanTheCurrentOne_isRefused() {
        ActorRecord record = created("a1", COUNTER, Key.of("acme"));

        CommitResult result = store.commit(List.of(write("a1", 2, "{\"n\":666}", put(schedule("s1", "a1", at(1))))));

        assertThat(result.fenced()).containsExactly("a1");
        assertThat(store.findById("a1")).contains(record);
        assertThat(allScheduleIds()).isEmpty();
    }

    @Test
    void commit_fromCurrentEpochAfterActivation_isAccepted() {
        created("a1", COUNTER, Key.of("acme"));
        long epoch = store.activate(COUNTER, Key.of("acme")).orElseThrow().epoch();

        CommitResult result = store.commit(List.of(write("a1", epoch, "{\"n\":1}")));

        assertThat(result.fenced()).isEmpty();
        assertThat(current("a1").state()).isEqualTo("{\"n\":1}");
        assertThat(current("a1").epoch()).isEqualTo(epoch);
    }

    @Test
    void commit_staleWriteInABatch_doesNotStopTheOtherWrites() {
        created("a1", COUNTER, Key.of("one"));
        created("a2", COUNTER, Key.of("two"));
        created("a3", COUNTER, Key.of("three"));
        store.activate(COUNTER, Key.of("two"));

        CommitResult result = store.commit(List.of(
                write("a1", 1, "{\"n\":1}", put(schedule("s1", "a1", at(1)))),
                write("a2", 1, "{\"n\":2}", put(schedule("s2", "a2", at(2)))),
                write("a3", 1, "{\"n\":3}", put(schedule("s3", "a3", at(3))))));

        assertThat(result.fenced()).containsExactly("a2");
        assertThat(current("a1").state()).isEqualTo("{\"n\":1}");
        assertThat(current("a2").state()).isEqualTo("{\"n\":0}");
        assertThat(current("a3").state()).isEqualTo("{\"n\":3}");
        assertThat(allScheduleIds()).containsExactly("s1", "s3");
    }

    @Test
    void commit_forAnAbsentActor_isReportedFencedAndWritesNothing() {
        created("a1", COUNTER, Key.of("one"));

        CommitResult result = store.commit(List.of(
                write("ghost", 1, "{\"n\":1}", put(schedule("s1", "ghost", at(1)))),
                write("a1", 1, "{\"n\":2}")));

        assertThat(result.fenced()).containsExactly("ghost");
        assertThat(store.findById("ghost")).isEmpty();
        assertThat(allScheduleIds()).isEmpty();
        assertThat(current("a1").state()).isEqualTo("{\"n\":2}");
    }

    @Test
    void commit_forADestroyedActor_isReportedFenced() {
        created("a1", COUNTER, Key.of("one"));
        store.destroy("a1", 1);

        CommitResult result = store.commit(List.of(write("a1", 1, "{\"n\":1}", put(schedule("s1", "a1", at(1))))));

        assertThat(result.fenced()).containsExactly("a1");
        assertThat(store.findById("a1")).isEmpty();
        assertThat(allScheduleIds()).isEmpty();
    }

    @Test
    void commit_multipleWritesToOneActor_applyInListOrder() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)));

        CommitResult result = store.commit(List.of(
                write("a1", 1, "{\"n\":1}", put(schedule("s2", "a1", at(2))), remove("s1")),
                write("a1", 1, null, remove("s2"), put(schedule("s1", "a1", at(7)))),
                write("a1", 1, "{\"n\":3}", put(schedule("s3", "a1", at(3))))));

        assertThat(result.fenced()).isEmpty();
        assertThat(current("a1").state()).isEqualTo("{\"n\":3}");
        assertThat(allSchedules()).containsExactly(schedule("s3", "a1", at(3)), schedule("s1", "a1", at(7)));
    }

    @Test
    void commit_scheduleChangesWithinOneWrite_applyInOrder() {
        created("a1", COUNTER, Key.of("one"), schedule("kept", "a1", at(9)));

        store.commit(List.of(write("a1", 1, null,
                put(schedule("gone", "a1", at(1))), remove("gone"),
                remove("kept"), put(schedule("kept", "a1", at(4))))));

        assertThat(allSchedules()).containsExactly(schedule("kept", "a1", at(4)));
    }

    @Test
    void commit_staleWriteBetweenCurrentWritesToOneActor_isSkippedAlone() {
        created("a1", COUNTER, Key.of("one"));

        CommitResult result = store.commit(List.of(
                write("a1", 1, "{\"n\":1}", put(schedule("s1", "a1", at(1)))),
                write("a1", 0, "{\"n\":666}", put(schedule("s2", "a1", at(2)))),
                write("a1", 1, null, put(schedule("s3", "a1", at(3))))));

        assertThat(result.fenced()).containsExactly("a1");
        assertThat(current("a1").state()).isEqualTo("{\"n\":1}");
        assertThat(allScheduleIds()).containsExactly("s1", "s3");
    }

    @Test
    void commit_emptyBatch_isOk() {
        assertThat(store.commit(List.of()).fenced()).isEmpty();
    }

    @Test
    void commit_withScheduleOfAnotherActor_isRejectedAndAppliesNothing() {
        created("a1", COUNTER, Key.of("one"));
        created("a2", COUNTER, Key.of("two"));

        assertThatThrownBy(() -> store.commit(List.of(
                write("a1", 1, "{\"n\":1}", put(schedule("s1", "a1", at(1)))),
                write("a2", 1, "{\"n\":2}", put(schedule("s2", "a1", at(2)))))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(current("a1").state()).isEqualTo("{\"n\":0}");
        assertThat(current("a2").state()).isEqualTo("{\"n\":0}");
        assertThat(allScheduleIds()).isEmpty();
    }

    // ---- destroy ----

    @Test
    void destroy_withCurrentEpoch_removesTheActorAndOnlyItsSchedules() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)), schedule("s2", "a1", at(2)));
        created("a2", COUNTER, Key.of("two"), schedule("s3", "a2", at(3)));

        boolean destroyed = store.destroy("a1", 1);

        assertThat(destroyed).isTrue();
        assertThat(store.findById("a1")).isEmpty();
        assertThat(store.find(COUNTER, Key.of("one"))).isEmpty();
        assertThat(store.activate(COUNTER, Key.of("one"))).isEmpty();
        assertThat(store.scan(COUNTER, null, 10)).extracting(ActorRecord::id).containsExactly("a2");
        assertThat(allScheduleIds()).containsExactly("s3");
        assertThat(store.nextDueAt()).contains(at(3));
    }

    @Test
    void destroy_withStaleEpoch_returnsFalseAndChangesNothing() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)));
        ActorRecord activated = store.activate(COUNTER, Key.of("one")).orElseThrow();

        assertThat(store.destroy("a1", 1)).isFalse();
        assertThat(store.destroy("a1", 3)).isFalse();

        assertThat(store.findById("a1")).contains(activated);
        assertThat(allScheduleIds()).containsExactly("s1");
    }

    @Test
    void destroy_absentActor_returnsFalse() {
        assertThat(store.destroy("ghost", 1)).isFalse();
    }

    @Test
    void destroy_twice_succeedsOnlyOnce() {
        created("a1", COUNTER, Key.of("one"));

        assertThat(store.destroy("a1", 1)).isTrue();
        assertThat(store.destroy("a1", 1)).isFalse();
    }

    @Test
    void destroy_thenCreateTheSameKey_givesANewActorWithANewId() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)));
        store.destroy("a1", 1);

        ActorRecord reborn = created("a2", COUNTER, Key.of("one"));

        assertThat(store.find(COUNTER, Key.of("one"))).contains(reborn);
        assertThat(store.findById("a1")).isEmpty();
        assertThat(store.scan(COUNTER, null, 10)).containsExactly(reborn);
        assertThat(allScheduleIds()).isEmpty();
        assertThat(store.commit(List.of(write("a1", 1, "{\"n\":1}"))).fenced()).containsExactly("a1");
        assertThat(current("a2").state()).isEqualTo("{\"n\":0}");
    }

    // ---- schedules ----

    @Test
    void dueSchedules_areOrderedByDueTimeThenId() {
        created("a1", COUNTER, Key.of("one"), schedule("c", "a1", at(5)), schedule("z", "a1", at(1)));
        created("a2", ROOM, Key.of("two"), schedule("a", "a2", at(5)), schedule("b", "a2", at(3)));
        created("a3", COUNTER, Key.of("three"), schedule("b5", "a3", at(5)), schedule("y", "a3", at(0)));

        assertThat(store.dueSchedules(at(5), 100)).extracting(d -> d.schedule().id())
                .containsExactly("y", "z", "b", "a", "b5", "c");
    }

    @Test
    void dueSchedules_carryTheActorsTypeAndKey() {
        created("a1", ROOM, Key.of("acme", "general"), schedule("s1", "a1", at(1)));
        created("a2", COUNTER, Key.empty(), schedule("s2", "a2", at(2)));

        assertThat(store.dueSchedules(at(2), 10)).containsExactly(
                new DueSchedule(schedule("s1", "a1", at(1)), ROOM, Key.of("acme", "general")),
                new DueSchedule(schedule("s2", "a2", at(2)), COUNTER, Key.empty()));
    }

    @Test
    void dueSchedules_returnAtMostLimit_theEarliestFirst() {
        created("a1", COUNTER, Key.of("one"),
                IntStream.range(0, 10).mapToObj(i -> schedule("s" + i, "a1", at(10 - i))).toArray(ScheduleRecord[]::new));

        assertThat(store.dueSchedules(at(100), 3)).extracting(d -> d.schedule().id()).containsExactly("s9", "s8", "s7");
        assertThat(store.dueSchedules(at(100), 1)).extracting(d -> d.schedule().id()).containsExactly("s9");
        assertThat(store.dueSchedules(at(100), 0)).isEmpty();
    }

    @Test
    void dueSchedules_includeThoseDueExactlyAtUntil_andNoneLater() {
        created("a1", COUNTER, Key.of("one"),
                schedule("early", "a1", at(9)), schedule("exact", "a1", at(10)), schedule("late", "a1", at(11)));

        assertThat(store.dueSchedules(at(10), 10)).extracting(d -> d.schedule().id()).containsExactly("early", "exact");
        assertThat(store.dueSchedules(at(8), 10)).isEmpty();
    }

    @Test
    void dueSchedules_untilTheExtremesOfTime_returnAllOrNothing() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)), schedule("s2", "a1", at(2)));

        assertThat(store.dueSchedules(Instant.MAX, 10)).extracting(d -> d.schedule().id()).containsExactly("s1", "s2");
        assertThat(store.dueSchedules(Instant.MIN, 10)).isEmpty();
    }

    @Test
    void dueSchedules_readingDoesNotRemoveThem() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)));

        List<DueSchedule> first = store.dueSchedules(at(1), 10);
        List<DueSchedule> second = store.dueSchedules(at(1), 10);

        assertThat(first).hasSize(1).isEqualTo(second);
    }

    @Test
    void schedulePut_withAnExistingId_replacesIt() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)), schedule("s2", "a1", at(2)));
        ScheduleRecord moved = new ScheduleRecord("s1", "a1", at(3), "other", "[1,2]");

        store.commit(List.of(write("a1", 1, null, put(moved))));

        assertThat(allSchedules()).containsExactly(schedule("s2", "a1", at(2)), moved);
        assertThat(store.nextDueAt()).contains(at(2));
    }

    @Test
    void scheduleMove_changesOnlyTheDueTime_andSurvivesAReopen() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)), schedule("s2", "a1", at(2)));

        store.commit(List.of(write("a1", 1, null, move("s1", at(5)))));
        reopenStore();

        assertThat(allSchedules()).containsExactly(schedule("s2", "a1", at(2)), schedule("s1", "a1", at(5)));
        assertThat(store.nextDueAt()).contains(at(2));
    }

    @Test
    void scheduleMove_afterARemoveOrOfAnAbsentId_isIgnored() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)), schedule("s2", "a1", at(2)));

        CommitResult result = store.commit(List.of(write("a1", 1, "{\"n\":1}",
                remove("s1"), move("s1", at(5)), move("never-there", at(6)))));

        assertThat(result.fenced()).isEmpty();
        assertThat(current("a1").state()).isEqualTo("{\"n\":1}");
        assertThat(allSchedules()).containsExactly(schedule("s2", "a1", at(2)));
    }

    @Test
    void scheduleMove_ofAnotherActorsSchedule_isIgnored() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)));
        created("a2", COUNTER, Key.of("two"));

        store.commit(List.of(write("a2", 1, "{\"n\":2}", move("s1", at(5)))));

        assertThat(current("a2").state()).isEqualTo("{\"n\":2}");
        assertThat(allSchedules()).containsExactly(schedule("s1", "a1", at(1)));
    }

    @Test
    void scheduleRemove_ofAnAbsentId_isIgnored() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)));

        CommitResult result = store.commit(List.of(write("a1", 1, "{\"n\":1}", remove("never-there"))));

        assertThat(result.fenced()).isEmpty();
        assertThat(current("a1").state()).isEqualTo("{\"n\":1}");
        assertThat(allScheduleIds()).containsExactly("s1");
    }

    @Test
    void nextDueAt_isTheEarliestDueTime_andFollowsChanges() {
        assertThat(store.nextDueAt()).isEmpty();
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(7)), schedule("s2", "a1", at(4)));
        assertThat(store.nextDueAt()).contains(at(4));

        store.commit(List.of(write("a1", 1, null, remove("s2"))));
        assertThat(store.nextDueAt()).contains(at(7));

        store.commit(List.of(write("a1", 1, null, remove("s1"))));
        assertThat(store.nextDueAt()).isEmpty();
    }

    // ---- scan ----

    @Test
    void scan_returnsTheActorsOfOneTypeInIdOrder() {
        created("m", COUNTER, Key.of("1"));
        created("b", COUNTER, Key.of("2"));
        created("x", ROOM, Key.of("3"));
        created("k", COUNTER, Key.of("4"));

        assertThat(store.scan(COUNTER, null, 10)).extracting(ActorRecord::id).containsExactly("b", "k", "m");
        assertThat(store.scan(ROOM, null, 10)).extracting(ActorRecord::id).containsExactly("x");
        assertThat(store.scan("unknown", null, 10)).isEmpty();
    }

    @Test
    void scan_pagesThroughEveryActorOnce() {
        List<String> ids = IntStream.range(0, 25).mapToObj(i -> String.format("id-%02d", (i * 7) % 25)).toList();
        ids.forEach(id -> created(id, COUNTER, Key.of(id)));

        List<String> seen = new ArrayList<>();
        String after = null;
        for (List<ActorRecord> page = store.scan(COUNTER, null, 7); !page.isEmpty();
             page = store.scan(COUNTER, after, 7)) {
            assertThat(page.size()).isLessThanOrEqualTo(7);
            page.forEach(r -> seen.add(r.id()));
            after = page.getLast().id();
        }

        assertThat(seen).containsExactlyElementsOf(new TreeSet<>(ids));
    }

    @Test
    void scan_afterAnIdThatIsNotStored_startsAfterIt() {
        created("b", COUNTER, Key.of("1"));
        created("d", COUNTER, Key.of("2"));

        assertThat(store.scan(COUNTER, "c", 10)).extracting(ActorRecord::id).containsExactly("d");
        assertThat(store.scan(COUNTER, "d", 10)).isEmpty();
        assertThat(store.scan(COUNTER, "a", 1)).extracting(ActorRecord::id).containsExactly("b");
    }

    @Test
    void scan_returnsCurrentRecords() {
        created("a1", COUNTER, Key.of("one"));
        ActorRecord activated = store.activate(COUNTER, Key.of("one")).orElseThrow();
        store.commit(List.of(write("a1", activated.epoch(), "{\"n\":9}")));

        assertThat(store.scan(COUNTER, null, 10)).containsExactly(current("a1"));
        assertThat(current("a1").epoch()).isEqualTo(2);
    }

    // ---- children: the parent-child link ----

    private ActorRecord child(String id, String parentId, Key key) {
        ActorRecord record = new ActorRecord(id, COUNTER, key, "{\"n\":0}", 1, 1, at(123_456), parentId);
        assertThat(store.create(record, List.of())).as("create child %s", id).isTrue();
        return record;
    }

    @Test
    void children_areTheActorsCreatedWithTheParentsIdInIdOrder() {
        created("p", ROOM, Key.of("parent"));
        child("c2", "p", Key.of("p", "two"));
        child("c1", "p", Key.of("p", "one"));
        child("g1", "c1", Key.of("c1", "grandchild"));
        created("other", COUNTER, Key.of("unrelated"));

        assertThat(store.children("p", 10)).extracting(ActorRecord::id).containsExactly("c1", "c2");
        assertThat(store.children("c1", 10)).extracting(ActorRecord::id).containsExactly("g1");
        assertThat(store.children("p", 1)).extracting(ActorRecord::id).containsExactly("c1");
        assertThat(store.children("other", 10)).isEmpty();
        assertThat(store.children("absent", 10)).isEmpty();
        assertThat(store.children("p", 0)).isEmpty();
    }

    @Test
    void children_keepTheirParentThroughActivationCommitAndRestart() {
        created("p", ROOM, Key.of("parent"));
        ActorRecord created = child("c1", "p", Key.of("p", "one"));
        ActorRecord activated = store.activate(COUNTER, created.key()).orElseThrow();
        store.commit(List.of(write("c1", activated.epoch(), "{\"n\":5}")));

        reopenStore();

        assertThat(current("c1").parentId()).isEqualTo("p");
        assertThat(store.find(COUNTER, created.key()).orElseThrow().parentId()).isEqualTo("p");
        assertThat(store.scan(COUNTER, null, 10)).extracting(ActorRecord::parentId).containsExactly("p");
        assertThat(store.children("p", 10)).containsExactly(current("c1"));
        assertThat(current("p").parentId()).isNull();
    }

    @Test
    void aChildsSpawnInput_isKeptThroughActivationCommitAndRestart() {
        created("p", ROOM, Key.of("parent"));
        String input = "{\"start\":5,\"name\":\"\u00e9t\u00e9\"}";
        ActorRecord created = new ActorRecord("c1", COUNTER, Key.of("p", "one"), "{\"n\":0}", 1, 1, at(123_456), "p", input);
        assertThat(store.create(created, List.of())).isTrue();
        child("c2", "p", Key.of("p", "two"));
        ActorRecord activated = store.activate(COUNTER, created.key()).orElseThrow();
        assertThat(activated.input()).isEqualTo(input);
        store.commit(List.of(write("c1", activated.epoch(), "{\"n\":5}")));

        reopenStore();

        assertThat(current("c1").input()).isEqualTo(input);
        assertThat(store.children("p", 10)).extracting(ActorRecord::input).containsExactly(input, null);
        assertThat(current("p").input()).isNull();
    }

    @Test
    void destroy_removesTheChildsLinkAndLeavesItsSiblings() {
        created("p", ROOM, Key.of("parent"));
        child("c1", "p", Key.of("p", "one"));
        child("c2", "p", Key.of("p", "two"));

        assertThat(store.destroy("c1", 1)).isTrue();

        assertThat(store.children("p", 10)).extracting(ActorRecord::id).containsExactly("c2");
        assertThat(store.destroy("c2", 1)).isTrue();
        assertThat(store.children("p", 10)).isEmpty();
    }

    @Test
    void scan_withAKeyPrefix_matchesWholeParts() {
        created("a1", COUNTER, Key.of("acme", "general"));
        created("a2", COUNTER, Key.of("acme", "x", "y"));
        created("a3", COUNTER, Key.of("acme"));
        created("a4", COUNTER, Key.of("acmes", "general"));
        created("a5", COUNTER, Key.of("acme,general"));
        created("a6", COUNTER, Key.of("ac"));
        created("a7", COUNTER, Key.empty());
        created("a8", ROOM, Key.of("acme", "general"));

        assertThat(store.scan(COUNTER, Key.of("acme"), null, 10)).extracting(ActorRecord::id)
                .containsExactly("a1", "a2", "a3");
        assertThat(store.scan(COUNTER, Key.of("acme", "x"), null, 10)).extracting(ActorRecord::id)
                .containsExactly("a2");
        assertThat(store.scan(COUNTER, Key.of("ac"), null, 10)).extracting(ActorRecord::id).containsExactly("a6");
        assertThat(store.scan(COUNTER, Key.of("acme", "x", "y", "z"), null, 10)).isEmpty();
        assertThat(store.scan(COUNTER, Key.empty(), null, 10)).hasSize(7);
    }

    @Test
    void scan_withAKeyPrefix_pagesInIdOrder() {
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> String.format("p-%02d", (i * 7) % 20)).toList();
        ids.forEach(id -> created(id, COUNTER, Key.of(Integer.parseInt(id.substring(2)) % 2 == 0 ? "even" : "odd", id)));

        List<String> seen = new ArrayList<>();
        String after = null;
        for (List<ActorRecord> page = store.scan(COUNTER, Key.of("even"), null, 3); !page.isEmpty();
             page = store.scan(COUNTER, Key.of("even"), after, 3)) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            page.forEach(r -> seen.add(r.id()));
            after = page.getLast().id();
        }

        assertThat(seen).containsExactlyElementsOf(ids.stream().filter(id -> Integer.parseInt(id.substring(2)) % 2 == 0)
                .sorted().toList());
        assertThat(store.scan(COUNTER, Key.of("even"), null, 0)).isEmpty();
        assertThat(store.scan(COUNTER, Key.of("even"), null, -1)).isEmpty();
    }

    @Test
    void scan_withAKeyPrefix_comparesEscapedAndNonAsciiPartsExactly() {
        created("e1", COUNTER, Key.of("a\"", "b"));
        created("e2", COUNTER, Key.of("a\\", "b"));
        created("e3", COUNTER, Key.of("Grüße", "🎭"));
        created("e4", COUNTER, Key.of("a%", "b"));
        created("e5", COUNTER, Key.of("a_", "b"));

        assertThat(store.scan(COUNTER, Key.of("a\""), null, 10)).extracting(ActorRecord::id).containsExactly("e1");
        assertThat(store.scan(COUNTER, Key.of("a\\"), null, 10)).extracting(ActorRecord::id).containsExactly("e2");
        assertThat(store.scan(COUNTER, Key.of("Grüße"), null, 10)).extracting(ActorRecord::id).containsExactly("e3");
        assertThat(store.scan(COUNTER, Key.of("a%"), null, 10)).extracting(ActorRecord::id).containsExactly("e4");
        assertThat(store.scan(COUNTER, Key.of("a_"), null, 10)).extracting(ActorRecord::id).containsExactly("e5");
        assertThat(store.scan(COUNTER, Key.of("a"), null, 10)).isEmpty();
    }

    // ---- concurrency ----

    private record Activation(String actorId, long epoch) {
    }

    @Test
    void concurrentCommitsAndActivations_loseNothing() throws Exception {
        int writers = 8;
        int commitsEach = 200;
        int activators = 2;
        int activationsEach = 200;
        List<String> activatedIds = List.of("v0", "v1", "v2", "v3");
        for (int w = 0; w < writers; w++) {
            created("w" + w, COUNTER, Key.of("writer", Integer.toString(w)));
        }
        activatedIds.forEach(id -> created(id, ROOM, Key.of("activated", id)));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Activation>>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String id = "w" + w;
            tasks.add(() -> {
                start.await();
                for (int i = 0; i < commitsEach; i++) {
                    CommitResult result = store.commit(List.of(
                            write(id, 1, "{\"n\":" + i + "}", put(schedule(id + "-" + i, id, at(i))))));
                    assertThat(result.fenced()).isEmpty();
                    assertThat(store.findById(id)).map(ActorRecord::state).contains("{\"n\":" + i + "}");
                }
                return List.of();
            });
        }
        for (int a = 0; a < activators; a++) {
            tasks.add(() -> {
                start.await();
                List<Activation> activations = new ArrayList<>();
                for (int i = 0; i < activationsEach; i++) {
                    String id = activatedIds.get(i % activatedIds.size());
                    long epoch = store.activate(ROOM, Key.of("activated", id)).orElseThrow().epoch();
                    activations.add(new Activation(id, epoch));
                }
                return activations;
            });
        }

        List<Activation> activations = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<List<Activation>>> futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<List<Activation>> future : futures) {
                activations.addAll(future.get(2, TimeUnit.MINUTES));
            }
        }

        for (int w = 0; w < writers; w++) {
            assertThat(current("w" + w).state()).isEqualTo("{\"n\":" + (commitsEach - 1) + "}");
        }
        Map<String, Long> schedulesPerActor = new HashMap<>();
        allSchedules().forEach(s -> schedulesPerActor.merge(s.actorId(), 1L, Long::sum));
        assertThat(schedulesPerActor).hasSize(writers)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(commitsEach));
        long perActivated = (long) activators * activationsEach / activatedIds.size();
        List<Long> expectedEpochs = LongStream.rangeClosed(2, 1 + perActivated).boxed().toList();
        for (String id : activatedIds) {
            assertThat(current(id).epoch()).isEqualTo(1 + perActivated);
            assertThat(activations.stream().filter(a -> a.actorId().equals(id)).map(Activation::epoch))
                    .as("every activation of %s got its own epoch", id)
                    .containsExactlyInAnyOrderElementsOf(expectedEpochs);
        }
    }

    // ---- durability ----

    @Test
    void reopen_keepsActorsStatesEpochsAndSchedules() {
        created("a1", COUNTER, Key.of("one"), schedule("s1", "a1", at(1)));
        created("a2", ROOM, Key.of("Grüße", "🎭"), schedule("s2", "a2", at(2)));
        created("a3", COUNTER, Key.empty(), schedule("s3", "a3", at(3)));
        long epoch = store.activate(COUNTER, Key.of("one")).orElseThrow().epoch();
        store.commit(List.of(write("a1", epoch, "{\"n\":1}", remove("s1"), put(schedule("s4", "a1", at(4))))));
        store.destroy("a3", 1);
        List<ActorRecord> counters = store.scan(COUNTER, null, 10);
        List<ActorRecord> rooms = store.scan(ROOM, null, 10);
        List<DueSchedule> due = store.dueSchedules(Instant.MAX, 10);

        reopenStore();

        assertThat(store.scan(COUNTER, null, 10)).isEqualTo(counters);
        assertThat(store.scan(ROOM, null, 10)).isEqualTo(rooms);
        assertThat(store.dueSchedules(Instant.MAX, 10)).isEqualTo(due);
        assertThat(store.find(ROOM, Key.of("Grüße", "🎭"))).map(ActorRecord::id).contains("a2");
        assertThat(store.find(COUNTER, Key.empty())).isEmpty();
        assertThat(store.nextDueAt()).contains(at(2));
    }

    @Test
    void reopen_keepsFencing() {
        created("a1", COUNTER, Key.of("one"));
        store.activate(COUNTER, Key.of("one"));

        reopenStore();

        assertThat(store.commit(List.of(write("a1", 1, "{\"n\":1}"))).fenced()).containsExactly("a1");
        assertThat(store.activate(COUNTER, Key.of("one"))).map(ActorRecord::epoch).contains(3L);
        assertThat(store.create(actor("a2", COUNTER, Key.of("one")), List.of())).isFalse();
    }

    // ---- model-based ----

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomOperations_matchTheReferenceModel(long seed) {
        new ModelCheck(seed, this::store, this::reopenStore).run(300);
    }

    // ---- history ----

    /** A history entry at {@code seq}; a checkpoint if {@code checkpoint} is not null. Hashes are made-up hex. */
    protected static HistoryEntry entry(long seq, @org.jspecify.annotations.Nullable String checkpoint) {
        return new HistoryEntry(seq, at(seq * 1_000 + 7), "{\"id\":\"c\",\"type\":\"system\"}",
                "{\"kind\":\"action\",\"name\":\"tick\",\"args\":[" + seq + "]}", "{\"result\":" + seq + "}",
                "[{\"name\":\"now\",\"value\":\"\u00e9\"}]", hex(seq + 1_000), seq == 1 ? null : hex(seq - 1), hex(seq),
                checkpoint == null ? null : new HistoryEntry.Checkpoint(checkpoint, 3));
    }

    private static String hex(long n) {
        return String.format("%064x", n);
    }

    private static ActorWrite writeWithHistory(String actorId, long epoch, @org.jspecify.annotations.Nullable HistoryPrune prune,
                                               HistoryEntry... entries) {
        return new ActorWrite(actorId, epoch, null, 1, List.of(), List.of(entries), prune);
    }

    private List<Long> seqs(String actorId) {
        return store.history(actorId, 0, Integer.MAX_VALUE).stream().map(HistoryEntry::seq).toList();
    }

    @Test
    void history_appendedByCreateAndCommit_readsBackByteForByte() {
        HistoryEntry first = entry(1, "{\"n\":0}");
        assertThat(store.create(actor("a1", COUNTER, Key.of("h")), List.of(), List.of(first))).isTrue();
        HistoryEntry second = entry(2, null);
        HistoryEntry third = entry(3, null);

        store.commit(List.of(writeWithHistory("a1", 1, null, second, third)));
        reopenStore();

        assertThat(store.history("a1", 0, 10)).containsExactly(first, second, third);
        assertThat(store.history("a1", 2, 1)).containsExactly(second);
        assertThat(store.lastHistoryEntry("a1")).contains(third);
        assertThat(store.checkpointAtOrBefore("a1", 3)).contains(first);
    }

    @Test
    void history_ofAbsentActorOrZeroLimit_isEmpty() {
        created("a1", COUNTER, Key.of("h"));

        assertThat(store.history("a1", 0, 10)).isEmpty();
        assertThat(store.history("nobody", 0, 10)).isEmpty();
        assertThat(store.history("a1", 0, 0)).isEmpty();
        assertThat(store.lastHistoryEntry("a1")).isEmpty();
        assertThat(store.checkpointAtOrBefore("a1", Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void history_ofAFencedWrite_isNotAppended() {
        created("a1", COUNTER, Key.of("h"));
        store.activate(COUNTER, Key.of("h"));

        CommitResult result = store.commit(List.of(writeWithHistory("a1", 1, null, entry(1, "{}"))));

        assertThat(result.fenced()).containsExactly("a1");
        assertThat(seqs("a1")).isEmpty();
    }

    @Test
    void history_appendingAnExistingSeq_failsTheWholeBatch() {
        created("a1", COUNTER, Key.of("h"));
        created("a2", COUNTER, Key.of("i"));
        store.commit(List.of(writeWithHistory("a1", 1, null, entry(1, "{}"))));

        assertThatThrownBy(() -> store.commit(List.of(
                new ActorWrite("a2", 1, "{\"n\":9}", 1, List.of(), List.of(entry(1, "{}")), null),
                writeWithHistory("a1", 1, null, entry(1, "{}")))))
                .isInstanceOf(StoreException.class);

        assertThat(seqs("a1")).containsExactly(1L);
        assertThat(seqs("a2")).isEmpty();
        assertThat(current("a2").state()).isEqualTo("{\"n\":0}");
    }

    @Test
    void history_checkpointAtOrBefore_findsTheNearestOne() {
        created("a1", COUNTER, Key.of("h"));
        store.commit(List.of(writeWithHistory("a1", 1, null,
                entry(1, "{\"n\":1}"), entry(2, null), entry(3, "{\"n\":3}"), entry(4, null))));

        assertThat(store.checkpointAtOrBefore("a1", 2).map(HistoryEntry::seq)).contains(1L);
        assertThat(store.checkpointAtOrBefore("a1", 3).map(HistoryEntry::seq)).contains(3L);
        assertThat(store.checkpointAtOrBefore("a1", 9).map(HistoryEntry::seq)).contains(3L);
        assertThat(store.checkpointAtOrBefore("a1", 0)).isEmpty();
    }

    @Test
    void history_prune_dropsEntriesBeforeTheNewestCheckpointWithinTheBounds() {
        created("a1", COUNTER, Key.of("h"));
        store.commit(List.of(writeWithHistory("a1", 1, null,
                entry(1, "{}"), entry(2, null), entry(3, "{}"), entry(4, null), entry(5, "{}"), entry(6, null))));

        store.commit(List.of(writeWithHistory("a1", 1, new HistoryPrune(4, Instant.MAX), entry(7, null))));
        assertThat(seqs("a1")).containsExactly(3L, 4L, 5L, 6L, 7L);

        store.commit(List.of(writeWithHistory("a1", 1, new HistoryPrune(7, at(4_000)))));
        assertThat(seqs("a1")).as("the time bound keeps checkpoint 5 (at 5,007us)").containsExactly(3L, 4L, 5L, 6L, 7L);

        store.commit(List.of(writeWithHistory("a1", 1, new HistoryPrune(2, Instant.MAX))));
        assertThat(seqs("a1")).as("no checkpoint at or before 2 is left").containsExactly(3L, 4L, 5L, 6L, 7L);

        store.commit(List.of(writeWithHistory("a1", 1, new HistoryPrune(7, Instant.MAX))));
        assertThat(seqs("a1")).containsExactly(5L, 6L, 7L);
    }

    @Test
    void history_isDeletedWithTheActor() {
        store.create(actor("a1", COUNTER, Key.of("h")), List.of(), List.of(entry(1, "{}")));
        store.create(actor("a2", COUNTER, Key.of("i")), List.of(), List.of(entry(1, "{}")));

        assertThat(store.destroy("a1", 1)).isTrue();

        assertThat(seqs("a1")).isEmpty();
        assertThat(seqs("a2")).containsExactly(1L);
    }

    // ---- messages ----

    private static OutboxMessage message(String id, String senderId, Key receiverKey, long seq) {
        return new OutboxMessage(id, senderId, "actor:" + COUNTER + "/" + senderId, ROOM, receiverKey, seq, "post",
                "[\"" + id + "\",{\"n\":1.50}]", at(seq));
    }

    private static ActorWrite sending(String actorId, long epoch, OutboxMessage... messages) {
        return new ActorWrite(actorId, epoch, null, 1, List.of(), List.of(), null, List.of(messages), List.of());
    }

    private static ActorWrite receiving(String actorId, long epoch, MessageReceipt... receipts) {
        return new ActorWrite(actorId, epoch, null, 1, List.of(), List.of(), null, List.of(), List.of(receipts));
    }

    private static MessageReceipt receipt(OutboxMessage message) {
        return new MessageReceipt(message.id(), message.senderId(), message.seq(), null);
    }

    private List<String> pendingIds() {
        return store.pendingMessages(Instant.MAX, 100).stream().map(OutboxMessage::id).toList();
    }

    @Test
    void messages_sentInACommit_areInTheOutboxByteForByte_inPairOrder() {
        created("s1", COUNTER, Key.of("a"));
        created("s2", COUNTER, Key.of("b"));
        OutboxMessage toX2 = message("m3", "s1", Key.of("x"), 2);
        OutboxMessage toX1 = message("m1", "s1", Key.of("x"), 1);
        OutboxMessage toW1 = message("m2", "s1", Key.of("w"), 1);
        OutboxMessage fromS2 = message("m0", "s2", Key.of("a"), 1);

        store.commit(List.of(sending("s2", 1, fromS2), sending("s1", 1, toX1, toW1, toX2)));

        assertThat(store.pendingMessages(Instant.MAX, 100)).containsExactly(toW1, toX1, toX2, fromS2);
        assertThat(store.pendingMessages(at(1), 100)).as("sent at or before").containsExactly(toW1, toX1, fromS2);
        assertThat(store.pendingMessages(Instant.MAX, 2)).containsExactly(toW1, toX1);
        assertThat(store.pendingMessages(Instant.MAX, 0)).isEmpty();
    }

    @Test
    void messages_ofAFencedWrite_areNotSent() {
        created("s1", COUNTER, Key.of("a"));
        store.activate(COUNTER, Key.of("a"));

        CommitResult result = store.commit(List.of(sending("s1", 1, message("m1", "s1", Key.of("x"), 1))));

        assertThat(result.fenced()).containsExactly("s1");
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void messages_fromAnotherActorThanTheWriter_areRefused() {
        created("s1", COUNTER, Key.of("a"));

        assertThatThrownBy(() -> store.commit(List.of(sending("s1", 1, message("m1", "other", Key.of("x"), 1)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void receipt_removesTheMessage_andRecordsTheReceiversPosition() {
        created("s1", COUNTER, Key.of("a"));
        created("r1", ROOM, Key.of("x"));
        OutboxMessage first = message("m1", "s1", Key.of("x"), 1);
        OutboxMessage second = message("m2", "s1", Key.of("x"), 2);
        store.commit(List.of(sending("s1", 1, first, second)));

        store.commit(List.of(receiving("r1", 1, receipt(first))));

        assertThat(pendingIds()).containsExactly("m2");
        assertThat(store.lastReceivedSeq("s1", ROOM, Key.of("x"))).isEqualTo(1);
        assertThat(store.lastSentSeq("s1", ROOM, Key.of("x"))).isEqualTo(2);
        assertThat(store.lastReceivedSeq("s1", ROOM, Key.of("other"))).isZero();
        assertThat(store.deadLetters(10)).isEmpty();
    }

    @Test
    void lastSentSeq_outlivesTheOutbox_throughTheReceiversPosition() {
        created("s1", COUNTER, Key.of("a"));
        created("r1", ROOM, Key.of("x"));
        assertThat(store.lastSentSeq("s1", ROOM, Key.of("x"))).isZero();
        OutboxMessage first = message("m1", "s1", Key.of("x"), 1);
        store.commit(List.of(sending("s1", 1, first)));

        store.commit(List.of(receiving("r1", 1, receipt(first))));

        assertThat(pendingIds()).isEmpty();
        assertThat(store.lastSentSeq("s1", ROOM, Key.of("x"))).isEqualTo(1);
    }

    @Test
    void receipt_ofAFencedWrite_changesNothing() {
        created("s1", COUNTER, Key.of("a"));
        created("r1", ROOM, Key.of("x"));
        OutboxMessage first = message("m1", "s1", Key.of("x"), 1);
        store.commit(List.of(sending("s1", 1, first)));
        store.activate(ROOM, Key.of("x"));

        store.commit(List.of(receiving("r1", 1, receipt(first))));

        assertThat(pendingIds()).containsExactly("m1");
        assertThat(store.lastReceivedSeq("s1", ROOM, Key.of("x"))).isZero();
    }

    @Test
    void receipt_withAnError_keepsTheMessageAsADeadLetter() {
        created("s1", COUNTER, Key.of("a"));
        created("r1", ROOM, Key.of("x"));
        OutboxMessage first = message("m1", "s1", Key.of("x"), 1);
        store.commit(List.of(sending("s1", 1, first)));

        store.commit(List.of(receiving("r1", 1, new MessageReceipt("m1", "s1", 1, "actor/internal_error: boom"))));

        assertThat(pendingIds()).isEmpty();
        assertThat(store.deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.message()).isEqualTo(first);
            assertThat(dead.error()).isEqualTo("actor/internal_error: boom");
        });
        assertThat(store.lastReceivedSeq("s1", ROOM, Key.of("x"))).isEqualTo(1);
    }

    @Test
    void deadLetter_takesOnlyTheNextMessageOfItsPair() {
        created("s1", COUNTER, Key.of("a"));
        OutboxMessage first = message("m1", "s1", Key.of("gone"), 1);
        OutboxMessage second = message("m2", "s1", Key.of("gone"), 2);
        store.commit(List.of(sending("s1", 1, first, second)));

        assertThat(store.deadLetter(second, "actor/not_found: gone", at(9))).as("out of order").isFalse();
        assertThat(store.deadLetter(first, "actor/not_found: gone", at(9))).isTrue();
        assertThat(store.deadLetter(first, "actor/not_found: gone", at(9))).as("already processed").isFalse();
        assertThat(store.deadLetter(second, "actor/not_found: gone", at(10))).isTrue();

        assertThat(pendingIds()).isEmpty();
        assertThat(store.deadLetters(10)).extracting(DeadLetter::message).containsExactly(first, second);
        assertThat(store.deadLetters(1)).extracting(DeadLetter::at).containsExactly(at(9));
        assertThat(store.lastReceivedSeq("s1", ROOM, Key.of("gone"))).isEqualTo(2);
        assertThat(store.lastSentSeq("s1", ROOM, Key.of("gone"))).isEqualTo(2);
    }

    @Test
    void enqueue_addsMessagesOfAnInProcessSender_butNotOfAStoredActor() {
        created("s1", COUNTER, Key.of("a"));
        OutboxMessage outside = message("m1", "in-process-1", Key.of("x"), 1);

        store.enqueue(List.of(outside));

        assertThat(store.pendingMessages(Instant.MAX, 10)).containsExactly(outside);
        assertThatThrownBy(() -> store.enqueue(List.of(message("m2", "s1", Key.of("x"), 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pendingIds()).containsExactly("m1");
    }

    @Test
    void destroy_keepsTheMessagesAnActorSent_andItsReceiversPositions() {
        created("s1", COUNTER, Key.of("a"));
        created("r1", ROOM, Key.of("x"));
        OutboxMessage first = message("m1", "s1", Key.of("x"), 1);
        OutboxMessage second = message("m2", "s1", Key.of("x"), 2);
        store.commit(List.of(sending("s1", 1, first, second)));
        store.commit(List.of(receiving("r1", 1, receipt(first))));

        assertThat(store.destroy("s1", 1)).isTrue();
        assertThat(store.destroy("r1", 1)).isTrue();

        assertThat(pendingIds()).containsExactly("m2");
        assertThat(store.lastReceivedSeq("s1", ROOM, Key.of("x"))).as("kept for the address's next actor").isEqualTo(1);
    }

    @Test
    void reopen_keepsTheOutboxPositionsAndDeadLetters() {
        created("s1", COUNTER, Key.of("a"));
        created("r1", ROOM, Key.of("x"));
        OutboxMessage first = message("m1", "s1", Key.of("x"), 1);
        OutboxMessage second = message("m2", "s1", Key.of("x"), 2);
        OutboxMessage lost = message("m3", "s1", Key.of("nobody"), 1);
        store.commit(List.of(sending("s1", 1, first, second, lost)));
        store.commit(List.of(receiving("r1", 1, receipt(first))));
        store.deadLetter(lost, "actor/not_found: nobody", at(5));

        reopenStore();

        assertThat(store.pendingMessages(Instant.MAX, 10)).containsExactly(second);
        assertThat(store.lastReceivedSeq("s1", ROOM, Key.of("x"))).isEqualTo(1);
        assertThat(store.deadLetters(10)).containsExactly(new DeadLetter(lost, "actor/not_found: nobody", at(5)));
    }
}
