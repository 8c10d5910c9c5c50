package dev.troupe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL-specific behaviour: fencing in SQL, exact text, collation, transactions, cascades. */
class PostgresStoreTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private String database;
    private PostgresStore store;

    @BeforeEach
    void openStore() {
        database = EmbeddedPostgresSupport.newDatabase();
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private PostgresStore open() {
        return PostgresStore.open(EmbeddedPostgresSupport.jdbcUrl(database), EmbeddedPostgresSupport.USER, null);
    }

    private static ActorRecord actor(String id, String type, Key key) {
        return new ActorRecord(id, type, key, "{\"count\":0}", 1, 1, T0);
    }

    private static ScheduleRecord schedule(String id, String actorId, Instant dueAt) {
        return new ScheduleRecord(id, actorId, dueAt, "tick", "[]");
    }

    private static ActorWrite write(String actorId, long epoch, String state, ScheduleChange... changes) {
        return new ActorWrite(actorId, epoch, state, 1, List.of(changes));
    }

    @Test
    void activateOnAnotherStoreFencesTheFirstStoresCommit() {
        Key key = Key.of("acme", "visits");
        assertThat(store.create(actor("a1", "counter", key), List.of(schedule("s1", "a1", T0)))).isTrue();
        long epochA = store.activate("counter", key).orElseThrow().epoch();

        try (PostgresStore other = open()) {
            long epochB = other.activate("counter", key).orElseThrow().epoch();
            assertThat(epochB).isEqualTo(epochA + 1);

            CommitResult result = store.commit(List.of(write("a1", epochA, "{\"count\":99}",
                    new ScheduleChange.Remove("s1"), new ScheduleChange.Put(schedule("s2", "a1", T0)))));

            assertThat(result.fenced()).containsExactly("a1");
            assertThat(other.findById("a1").orElseThrow().state()).isEqualTo("{\"count\":0}");
            assertThat(other.dueSchedules(T0, 10)).extracting(d -> d.schedule().id()).containsExactly("s1");

            assertThat(other.commit(List.of(write("a1", epochB, "{\"count\":1}"))).fenced()).isEmpty();
            assertThat(store.findById("a1").orElseThrow().state()).isEqualTo("{\"count\":1}");
        }
    }

    @Test
    void aBatchAppliesTheCurrentWritesAndFencesOnlyTheStaleOnes() {
        store.create(actor("a1", "counter", Key.of("one")), List.of());
        store.create(actor("a2", "counter", Key.of("two")), List.of());
        long epoch1 = store.activate("counter", Key.of("one")).orElseThrow().epoch();
        store.activate("counter", Key.of("two"));

        CommitResult result = store.commit(List.of(
                write("a2", 1, "{\"count\":2}", new ScheduleChange.Put(schedule("s2", "a2", T0))),
                write("a1", epoch1, "{\"count\":1}", new ScheduleChange.Put(schedule("s1", "a1", T0))),
                write("gone", 1, "{}")));

        assertThat(result.fenced()).containsExactlyInAnyOrder("a2", "gone");
        assertThat(store.findById("a1").orElseThrow().state()).isEqualTo("{\"count\":1}");
        assertThat(store.findById("a2").orElseThrow().state()).isEqualTo("{\"count\":0}");
        assertThat(store.dueSchedules(T0, 10)).extracting(d -> d.schedule().id()).containsExactly("s1");
    }

    @Test
    void storesCommittingTheSameActorsInOppositeOrdersDoNotDeadlock() throws Exception {
        List<String> ids = IntStream.range(0, 10).mapToObj(i -> "a" + i).toList();
        ids.forEach(id -> store.create(actor(id, "counter", Key.of(id)), List.of()));
        List<ActorWrite> forward = ids.stream().map(id -> write(id, 1, "{\"by\":\"forward\"}")).toList();
        List<ActorWrite> backward = forward.reversed().stream().map(w -> write(w.actorId(), 1, "{\"by\":\"backward\"}"))
                .toList();
        CountDownLatch start = new CountDownLatch(1);
        try (PostgresStore other = open(); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (var pair : List.of(Map.entry(store, forward), Map.entry(other, backward))) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        assertThat(pair.getKey().commit(pair.getValue()).fenced()).isEmpty();
                    }
                    return 200;
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                assertThat(run.get(2, TimeUnit.MINUTES)).isEqualTo(200);
            }
        }
    }

    @Test
    void writesToOneActorApplyInOrderAndScheduleChangesKeepTheirOrder() {
        store.create(actor("a1", "counter", Key.of("one")), List.of());
        long epoch = store.activate("counter", Key.of("one")).orElseThrow().epoch();
        ScheduleRecord early = schedule("s1", "a1", T0);
        ScheduleRecord late = schedule("s1", "a1", T0.plusSeconds(60));

        CommitResult result = store.commit(List.of(
                write("a1", epoch, "{\"count\":1}", new ScheduleChange.Put(early), new ScheduleChange.Put(late)),
                new ActorWrite("a1", epoch, null, 7, List.of(new ScheduleChange.Remove("s1"),
                        new ScheduleChange.Put(early))),
                write("a1", epoch, "{\"count\":3}")));

        assertThat(result.fenced()).isEmpty();
        ActorRecord actor = store.findById("a1").orElseThrow();
        assertThat(actor.state()).isEqualTo("{\"count\":3}");
        assertThat(actor.stateVersion()).isEqualTo(1);
        assertThat(store.dueSchedules(T0.plusSeconds(3600), 10)).extracting(DueSchedule::schedule)
                .containsExactly(early);
    }

    @Test
    void writesOfOneActorAtTwoEpochsInOneBatchApplyOnlyAtTheCurrentEpoch() {
        store.create(actor("a1", "counter", Key.of("one")), List.of());
        long stale = store.activate("counter", Key.of("one")).orElseThrow().epoch();
        long current = store.activate("counter", Key.of("one")).orElseThrow().epoch();

        CommitResult result = store.commit(List.of(
                write("a1", current, "{\"count\":1}", new ScheduleChange.Put(schedule("s1", "a1", T0))),
                write("a1", stale, "{\"count\":99}", new ScheduleChange.Put(schedule("s2", "a1", T0))),
                new ActorWrite("a1", current, null, 5, List.of(new ScheduleChange.Put(schedule("s3", "a1", T0))))));

        assertThat(result.fenced()).containsExactly("a1");
        ActorRecord actor = store.findById("a1").orElseThrow();
        assertThat(actor.state()).isEqualTo("{\"count\":1}");
        assertThat(actor.stateVersion()).isEqualTo(1);
        assertThat(actor.epoch()).isEqualTo(current);
        assertThat(store.dueSchedules(T0, 10)).extracting(d -> d.schedule().id()).containsExactly("s1", "s3");
    }

    @Test
    void aWriteWithoutStateIsFencedByAStaleEpoch() {
        store.create(actor("a1", "counter", Key.of("one")), List.of());
        store.activate("counter", Key.of("one"));

        CommitResult result = store.commit(List.of(
                new ActorWrite("a1", 1, null, 1, List.of(new ScheduleChange.Put(schedule("s1", "a1", T0))))));

        assertThat(result.fenced()).containsExactly("a1");
        assertThat(store.dueSchedules(T0, 10)).isEmpty();
    }

    @Test
    void aWriteWithoutStateKeepsStateAndVersion() {
        store.create(new ActorRecord("a1", "counter", Key.of("one"), "{\"v\":1}", 4, 1, T0), List.of());

        store.commit(List.of(new ActorWrite("a1", 1, null, 9, List.of(new ScheduleChange.Put(schedule("s1", "a1", T0))))));

        ActorRecord actor = store.findById("a1").orElseThrow();
        assertThat(actor.state()).isEqualTo("{\"v\":1}");
        assertThat(actor.stateVersion()).isEqualTo(4);
        assertThat(store.nextDueAt()).contains(T0);
    }

    @Test
    void aFailingBatchIsRolledBackEntirelyAndKeepsStateOutOfTheMessage() throws SQLException {
        store.create(actor("a1", "counter", Key.of("one")), List.of());
        store.create(actor("a2", "counter", Key.of("two")), List.of());
        execute("ALTER TABLE troupe_actors ADD CONSTRAINT small_state CHECK (octet_length(state) < 64)");

        assertThatThrownBy(() -> store.commit(List.of(
                write("a1", 1, "{\"count\":1}", new ScheduleChange.Put(schedule("s1", "a1", T0))),
                write("a2", 1, "{\"secret\":\"" + "x".repeat(100) + "\"}"))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("committing 2 writes")
                .hasMessageContaining("23514")
                .hasMessageNotContaining("secret");

        assertThat(store.findById("a1").orElseThrow().state()).isEqualTo("{\"count\":0}");
        assertThat(store.findById("a2").orElseThrow().state()).isEqualTo("{\"count\":0}");
        assertThat(store.nextDueAt()).isEmpty();
    }

    @Test
    void stateTextRoundTripsExactly() {
        String state = "{ \"b\" : 1,\n  \"a\" : [1.0, 1e3, \"\\u00e9 ✓ 😀\"], \"b\": 2 }";
        store.create(new ActorRecord("a1", "counter", Key.of("ключ", "😀"), state, 1, 1, T0), List.of());

        assertThat(store.find("counter", Key.of("ключ", "😀")).orElseThrow().state()).isEqualTo(state);
    }

    @Test
    void instantsAreTruncatedToTheMicrosecond() {
        Instant precise = Instant.parse("2025-06-01T12:00:00.123456789Z");
        store.create(new ActorRecord("a1", "counter", Key.of("one"), "{}", 1, 1, precise),
                List.of(schedule("s1", "a1", precise)));

        Instant micros = Instant.parse("2025-06-01T12:00:00.123456Z");
        assertThat(store.findById("a1").orElseThrow().createdAt()).isEqualTo(micros);
        assertThat(store.nextDueAt()).contains(micros);
        assertThat(store.dueSchedules(micros, 10)).hasSize(1);
    }

    @Test
    void boundsBeyondTimestamptzAreClamped() {
        store.create(actor("a1", "counter", Key.of("one")), List.of(schedule("s1", "a1", T0)));

        assertThat(store.dueSchedules(Instant.MAX, 10)).hasSize(1);
        assertThat(store.dueSchedules(Instant.MIN, 10)).isEmpty();
    }

    @Test
    void idsOrderByCodePointWhateverTheDatabaseCollation() {
        List<String> ids = List.of("B", "a", "a-2", "a1", "ä", "_x");
        for (String id : ids) {
            store.create(actor(id, "counter", Key.of(id)), List.of(schedule("s" + id, id, T0)));
        }
        List<String> javaOrder = ids.stream().sorted().toList();

        assertThat(store.scan("counter", null, 10)).extracting(ActorRecord::id).containsExactlyElementsOf(javaOrder);
        assertThat(store.scan("counter", "a", 2)).extracting(ActorRecord::id)
                .containsExactlyElementsOf(javaOrder.subList(javaOrder.indexOf("a") + 1, javaOrder.indexOf("a") + 3));
        assertThat(store.dueSchedules(T0, 10)).extracting(d -> d.schedule().id())
                .containsExactlyElementsOf(javaOrder.stream().map(id -> "s" + id).toList());
    }

    @Test
    void createRefusesADuplicateKeyOrIdAndChangesNothing() {
        store.create(actor("a1", "counter", Key.of("one")), List.of());

        assertThat(store.create(actor("a2", "counter", Key.of("one")), List.of(schedule("s2", "a2", T0)))).isFalse();
        assertThat(store.create(actor("a1", "counter", Key.of("other")), List.of())).isFalse();
        assertThat(store.findById("a2")).isEmpty();
        assertThat(store.find("counter", Key.of("other"))).isEmpty();
        assertThat(store.nextDueAt()).isEmpty();
    }

    @Test
    void keysAreComparedPartByPart() {
        store.create(actor("a1", "room", Key.of("acme", "general")), List.of());

        assertThat(store.create(actor("a2", "room", Key.of("acme,general")), List.of())).isTrue();
        assertThat(store.find("room", Key.of("acme", "general")).orElseThrow().id()).isEqualTo("a1");
        assertThat(store.find("room", Key.of("acme,general")).orElseThrow().id()).isEqualTo("a2");
        assertThat(store.find("room", Key.empty())).isEmpty();
    }

    @Test
    void destroyIsFencedAndClearsSchedulesAndHistory() throws SQLException {
        store.create(actor("a1", "counter", Key.of("one")), List.of(schedule("s1", "a1", T0)));
        long epoch = store.activate("counter", Key.of("one")).orElseThrow().epoch();
        insertHistory("a1");

        assertThat(store.destroy("a1", epoch - 1)).isFalse();
        assertThat(store.findById("a1")).isPresent();

        assertThat(store.destroy("a1", epoch)).isTrue();
        assertThat(store.findById("a1")).isEmpty();
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(count("troupe_history")).isZero();
        assertThat(store.create(actor("a9", "counter", Key.of("one")), List.of())).isTrue();
    }

    @Test
    void activateIncrementsTheEpochInTheDatabase() {
        store.create(new ActorRecord("a1", "counter", Key.of("one"), "{}", 1, 41, T0), List.of());

        assertThat(store.activate("counter", Key.of("one")).orElseThrow().epoch()).isEqualTo(42);
        assertThat(store.activate("counter", Key.of("one")).orElseThrow().epoch()).isEqualTo(43);
        assertThat(store.find("counter", Key.of("one")).orElseThrow().epoch()).isEqualTo(43);
        assertThat(store.activate("counter", Key.of("two"))).isEmpty();
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.findById("a1")).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    private void insertHistory(String actorId) throws SQLException {
        try (Connection connection = EmbeddedPostgresSupport.dataSource(database).getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO troupe_history (actor_id, seq, at, caller, message, result, state_hash, prev_hash, hash)
                     VALUES (?, 1, now(), '{}', '{}', null, '\\x00', null, '\\x01')""")) {
            insert.setString(1, actorId);
            insert.executeUpdate();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = EmbeddedPostgresSupport.dataSource(database).getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    private long count(String table) throws SQLException {
        try (Connection connection = EmbeddedPostgresSupport.dataSource(database).getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
