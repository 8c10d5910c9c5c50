package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.troupe.history.History;
import dev.troupe.history.HistoryJson;
import dev.troupe.history.HistoryTail;
import dev.troupe.history.ReplayReport;
import dev.troupe.history.Verification;
import dev.troupe.host.Address;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.FaultyStore;
import dev.troupe.testing.Journal;
import dev.troupe.testing.JournalActor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The turn history from the public API: the chain, failure entries, effects and replay, retention, access. */
class HistoryTest {
    private static HttpServer server;
    private static String url;
    private static final AtomicInteger FETCHES = new AtomicInteger();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/quote", exchange -> {
            byte[] body = ("quote " + FETCHES.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/quote";
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static Troupe troupe(Consumer<HistoryOptions> history) {
        return troupe(new MemoryStore(), history);
    }

    private static Troupe troupe(dev.troupe.store.Store store, Consumer<HistoryOptions> history) {
        return Troupe.builder().store(store)
                .register(JournalActor.class, type -> type.history(history))
                .register(CounterActor.class)
                .schedulePollInterval(Duration.ofMillis(20))
                .build();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyCommittedTurn_appendsOneLinkedEntry_thatVerifies() throws Exception {
        try (Troupe troupe = troupe(h -> { })) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            journal.note("a", "");
            journal.note("b", url);
            journal.lines();

            History history = troupe.history(Journal.class, Key.of("j"));
            List<HistoryEntry> entries = history.entries(0, 100);

            assertThat(entries).extracting(HistoryEntry::seq).containsExactly(1L, 2L, 3L);
            assertThat(entries.get(0).prevHash()).isNull();
            assertThat(entries.get(0).checkpoint()).isNotNull();
            assertThat(entries.get(0).message()).isEqualTo("{\"input\":null,\"kind\":\"create\"}");
            assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
            assertThat(entries.get(1).message()).isEqualTo("{\"args\":[\"a\",\"\"],\"kind\":\"action\",\"name\":\"note\"}");
            assertThat(entries.get(1).caller()).isEqualTo("{\"id\":\"in-process\",\"type\":\"system\"}");
            assertThat(entries.get(2).outcome()).isEqualTo("{\"result\":2}");
            assertThat(Json.mapper().readTree(entries.get(2).effects())).extracting(e -> e.get("name").asText())
                    .containsExactly("http", "now", "random", "uuid", "tag");
            String stored = troupe.host().info(new Address("test-journal", Key.of("j")), Caller.system("t")).orElseThrow().id();
            assertThat(history.actorId()).isEqualTo(stored);
            Verification verification = history.verify();
            assertThat(verification.valid()).as(verification.problem()).isTrue();
            assertThat(verification.entries()).isEqualTo(3);
            assertThat(entries.getLast().stateHash()).isEqualTo(sha256(CanonicalJson.text(
                    CanonicalJson.tree(Json.mapper().readTree(Json.mapper().writeValueAsString(
                            new JournalActor.State(journal.lines())))))));
        }
    }

    @Test
    void coalescedWrites_stillGetOneEntryPerTurn() throws Exception {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = troupe(store, h -> { })) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            CountDownLatch held = store.hold();
            List<Thread> callers = new ArrayList<>();
            callers.add(Thread.ofVirtual().start(() -> journal.note("first", "")));
            held.await();
            for (int i = 0; i < 20; i++) {
                String text = "n" + i;
                callers.add(Thread.ofVirtual().start(() -> journal.note(text, "")));
            }
            await("20 turns staged behind the held commit").until(() -> troupe.stats().turns() >= 22);
            store.open();
            for (Thread caller : callers) {
                caller.join();
            }

            History history = troupe.history(Journal.class, Key.of("j"));
            assertThat(history.entries(0, 100)).hasSize(22);
            assertThat(troupe.stats().committedWrites()).isLessThan(troupe.stats().durableTurns());
            assertThat(history.verify().valid()).isTrue();
            assertThat(history.replay().deterministic()).isTrue();
        }
    }

    @Test
    void failedTurns_leaveNoEntry_unlessTheTypeRecordsFailures() {
        try (Troupe troupe = troupe(h -> { })) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            assertThatThrownBy(() -> journal.noteThenFail("x")).isInstanceOf(UserException.class);
            journal.note("a", "");

            assertThat(troupe.history(Journal.class, Key.of("j")).entries(0, 10)).hasSize(2);
        }
        try (Troupe troupe = troupe(h -> h.recordFailures(true))) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            assertThatThrownBy(() -> journal.noteThenFail("x")).isInstanceOf(UserException.class);
            journal.note("a", "");

            History history = troupe.history(Journal.class, Key.of("j"));
            List<HistoryEntry> entries = history.entries(0, 10);
            assertThat(entries).hasSize(3);
            assertThat(entries.get(1).outcome()).startsWith("{\"error\":{\"code\":\"refused\",\"group\":\"user\"");
            assertThat(entries.get(1).stateHash()).as("a failure entry changes no state")
                    .isEqualTo(entries.get(0).stateHash());
            assertThat(journal.lines()).hasSize(1);
            assertThat(history.verify().valid()).isTrue();
            ReplayReport replay = history.replay();
            assertThat(replay.deterministic()).as(replay.problem()).isTrue();
            assertThat(replay.replayed()).isEqualTo(2);
        }
    }

    @Test
    void replay_ofTurnsUsingEveryKindOfEffect_reproducesTheChain() {
        try (Troupe troupe = troupe(h -> { })) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            IntStream.range(0, 5).forEach(i -> journal.note("n" + i, url));
            journal.noteLater(1, "later");
            await("the scheduled note").until(() -> journal.lines().size() == 6);
            int fetched = FETCHES.get();

            ReplayReport replay = troupe.history(Journal.class, Key.of("j")).replay();

            assertThat(replay.deterministic()).as(replay.problem()).isTrue();
            assertThat(replay.fromSeq()).isEqualTo(1);
            assertThat(replay.replayed()).isEqualTo(7);
            assertThat(FETCHES.get()).as("replay fetches nothing").isEqualTo(fetched);
        }
    }

    @Test
    void replay_ofTurnsThatCallOtherActors_takesTheirAnswersFromTheEntries() throws Exception {
        try (Troupe troupe = troupe(h -> { })) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            journal.noteCount("c");
            journal.noteCount("c");
            Counter counter = troupe.actor(Counter.class, Key.of("c"));
            assertThat(journal.lines()).containsExactly("count 1 refused", "count 2 refused");

            History history = troupe.history(Journal.class, Key.of("j"));
            JsonNode effects = Json.mapper().readTree(history.entries(2, 1).getFirst().effects());
            assertThat(effects).extracting(e -> e.get("name").asText())
                    .containsExactly("call:Counter.increment", "call:Counter.incrementThenFail");
            assertThat(effects.get(0).get("value").toString()).isEqualTo("{\"key\":[\"c\"],\"result\":1}");
            assertThat(effects.get(1).get("value").get("error").get("code").asText()).isEqualTo("refused");
            ReplayReport replay = history.replay();

            assertThat(replay.deterministic()).as(replay.problem()).isTrue();
            assertThat(replay.replayed()).isEqualTo(2);
            assertThat(lines(history.stateAt(3))).containsExactly("count 1 refused", "count 2 refused");
            assertThat(counter.count()).as("replay and stateAt call no other actor").isEqualTo(2);
        }
    }

    @Test
    void replay_catchesAnActorThatReadsTheClockWithoutTheEffects() {
        try (Troupe troupe = troupe(h -> { })) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            journal.note("a", "");
            journal.noteCarelessly("b");
            journal.note("c", "");

            ReplayReport replay = troupe.history(Journal.class, Key.of("j")).replay();

            assertThat(replay.deterministic()).isFalse();
            assertThat(replay.firstDivergedSeq()).isEqualTo(3);
            assertThat(replay.replayed()).isEqualTo(1);
            assertThat(replay.problem()).contains("state");
        }
    }

    @Test
    void retention_keepsTheChainVerifiableFromACheckpoint_andStateAtWorksAtAndBetweenCheckpoints() {
        try (Troupe troupe = troupe(h -> h.checkpointEvery(5).keepEntries(7))) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            List<List<String>> states = new ArrayList<>();
            states.add(List.of());
            for (int i = 0; i < 30; i++) {
                journal.note("n" + i, "");
                states.add(journal.lines());
            }

            History history = troupe.history(Journal.class, Key.of("j"));
            List<HistoryEntry> entries = history.entries(0, 100);
            assertThat(entries.getFirst().seq())
                    .as("checkpoint 30 pruned up to checkpoint 20, the newest that keeps 7 entries").isEqualTo(20);
            assertThat(entries.getFirst().checkpoint()).isNotNull();
            assertThat(entries.getLast().seq()).isEqualTo(31);
            Verification verification = history.verify();
            assertThat(verification.valid()).as(verification.problem()).isTrue();
            assertThat(verification.firstSeq()).isEqualTo(20);
            assertThat(history.replay().deterministic()).isTrue();

            assertThat(lines(history.stateAt(25))).as("at a checkpoint").isEqualTo(states.get(24));
            assertThat(lines(history.stateAt(23))).as("between checkpoints").isEqualTo(states.get(22));
            assertThat(lines(history.stateAt(31))).isEqualTo(states.get(30));
            assertThatThrownBy(() -> history.stateAt(19)).isInstanceOf(TroupeException.class)
                    .extracting(e -> ((TroupeException) e).error().code()).isEqualTo("not_retained");
            assertThatThrownBy(() -> history.stateAt(32)).isInstanceOf(TroupeException.class)
                    .extracting(e -> ((TroupeException) e).error().code()).isEqualTo("not_retained");
        }
    }

    @Test
    void tail_givesTheBacklog_thenEachEntryOnceDurable_andResumesFromASeq() throws Exception {
        try (Troupe troupe = troupe(h -> h.checkpointEvery(5).keepEntries(7))) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            journal.note("a", "");
            journal.note("b", "");
            History history = troupe.history(Journal.class, Key.of("j"));
            HistoryTail tail = history.tail(0);

            assertThat(tail.next(2, Duration.ZERO)).extracting(HistoryEntry::seq).containsExactly(1L, 2L);
            assertThat(tail.next(10, Duration.ZERO)).extracting(HistoryEntry::seq).containsExactly(3L);
            assertThat(tail.next(10, Duration.ZERO)).isEmpty();
            var live = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return tail.next(10, Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            journal.note("c", "");
            assertThat(live.get()).as("woken by the commit").extracting(HistoryEntry::seq).containsExactly(4L);
            assertThat(tail.nextSeq()).isEqualTo(5);
            assertThat(history.tail(3).next(10, Duration.ZERO)).extracting(HistoryEntry::seq).containsExactly(3L, 4L);

            for (int i = 0; i < 20; i++) {
                journal.note("n" + i, "");
            }
            long oldest = history.entries(0, 1).getFirst().seq();
            assertThat(oldest).as("retention dropped the start (checkpoint 20 keeps from checkpoint 10)").isEqualTo(10);
            assertThatThrownBy(() -> history.tail(5).next(10, Duration.ZERO)).isInstanceOf(TroupeException.class)
                    .extracting(e -> ((TroupeException) e).error().qualifiedCode()).isEqualTo("history/not_retained");
            assertThatThrownBy(() -> tail.next(10, Duration.ZERO)).as("a tail that fell behind")
                    .isInstanceOf(TroupeException.class)
                    .extracting(e -> ((TroupeException) e).error().qualifiedCode()).isEqualTo("history/not_retained");
            assertThat(history.tail(0).next(100, Duration.ZERO).getFirst().seq()).isEqualTo(oldest);
        }
    }

    @Test
    void export_writesAHeaderLine_thenEveryRetainedEntryAsOneLine() throws Exception {
        try (Troupe troupe = troupe(h -> h.checkpointEvery(2))) {
            Journal journal = troupe.actor(Journal.class, Key.of("j", "k"));
            journal.note("a\nb", url);
            journal.note("c", "");
            History history = troupe.history(Journal.class, Key.of("j", "k"));
            java.io.StringWriter out = new java.io.StringWriter();

            history.export(out);

            List<String> lines = out.toString().lines().toList();
            assertThat(out.toString()).endsWith("\n");
            assertThat(lines).hasSize(4);
            JsonNode header = Json.mapper().readTree(lines.getFirst());
            assertThat(header.toString()).isEqualTo("{\"actorId\":\"" + history.actorId()
                    + "\",\"format\":\"troupe-history\",\"key\":[\"j\",\"k\"],\"type\":\"test-journal\",\"v\":1}");
            List<HistoryEntry> entries = history.entries(0, 10);
            for (int i = 0; i < entries.size(); i++) {
                assertThat(lines.get(i + 1)).isEqualTo(HistoryJson.entry(entries.get(i)).toString());
            }
            assertThat(Json.mapper().readTree(lines.get(2)).has("checkpoint")).isTrue();
        }
    }

    private static List<String> lines(JsonNode state) {
        List<String> lines = new ArrayList<>();
        state.get("lines").forEach(line -> lines.add(line.asText()));
        return lines;
    }

    @Test
    void history_isDeniedToClientsUnlessGrantedByName() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(JournalActor.class, type -> type.history().allow(CallerType.CLIENT))
                .register(CounterActor.class, type -> type.history().allow(CallerType.CLIENT, AccessRule.HISTORY))
                .build()) {
            troupe.actor(Journal.class, Key.of("j")).note("a", "");
            troupe.actor(Counter.class, Key.of("c")).increment(1);
            Caller client = Caller.client("someone");

            assertThatThrownBy(() -> troupe.host().history(new Address("test-journal", Key.of("j")), client))
                    .isInstanceOf(TroupeException.class)
                    .extracting(e -> ((TroupeException) e).error().qualifiedCode()).isEqualTo("auth/forbidden");
            assertThat(troupe.host().history(new Address("test-counter", Key.of("c")), client).entries(0, 10))
                    .hasSize(2);
        }
    }

    @Test
    void history_ofATypeWithoutIt_isDisabledAndWritesNothing() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = Troupe.builder().store(store).register(CounterActor.class).build()) {
            troupe.actor(Counter.class, Key.of("c")).increment(1);

            assertThatThrownBy(() -> troupe.history(Counter.class, Key.of("c"))).isInstanceOf(TroupeException.class)
                    .extracting(e -> ((TroupeException) e).error().qualifiedCode()).isEqualTo("history/disabled");
            String id = store.find("test-counter", Key.of("c")).orElseThrow().id();
            assertThat(store.history(id, 0, 10)).isEmpty();
        }
    }

    @Test
    void history_continuesAcrossSleepAndWake() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store, h -> h.checkpointEvery(2))) {
            troupe.actor(Journal.class, Key.of("j")).note("a", "");
        }
        try (Troupe troupe = troupe(store, h -> h.checkpointEvery(2))) {
            Journal journal = troupe.actor(Journal.class, Key.of("j"));
            journal.note("b", "");
            journal.note("c", "");

            History history = troupe.history(Journal.class, Key.of("j"));
            assertThat(history.entries(0, 10)).extracting(HistoryEntry::seq).containsExactly(1L, 2L, 3L, 4L);
            assertThat(history.verify().valid()).isTrue();
            assertThat(history.replay().deterministic()).isTrue();
        }
    }
}
