package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent verifier in another language, {@code tools/verify-history/verify.py}, run on a JSON
 * Lines export from a real server: an intact export verifies, and a changed byte, reordered, deleted
 * or inserted lines and a changed checkpoint are named at the first bad line. Needs {@code python3} on
 * the PATH and fails, saying so, without it: CI machines have it.
 */
class ExportVerifierTest {
    private static final Path VERIFIER = Path.of("..", "tools", "verify-history", "verify.py");
    private static TestServer t;
    private static List<String> export;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store)
                .register(CounterActor.class, type -> type.history(h -> h.checkpointEvery(4)))
                .build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
        Counter counter = troupe.actor(Counter.class, Key.of("exported", "ünïcode \"key\""));
        for (int i = 1; i <= 9; i++) {
            counter.increment(i);
        }
        String service = "Bearer " + t.tokens().service("auditor").issue();
        TestServer.Reply reply = t.get("/v1/actors/test-counter/history/export?key=exported&key=%C3%BCn%C3%AFcode%20%22key%22",
                "Authorization", service);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        export = reply.body().lines().toList();
        assertThat(export).hasSize(11);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private record Run(int exit, String output) {
    }

    private Run verify(List<String> lines) throws IOException, InterruptedException {
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Process process;
        try {
            process = new ProcessBuilder("python3", VERIFIER.toString(), file.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("python3 is required by this test (it runs the independent verifier "
                    + VERIFIER + "); install Python 3 on this machine", e);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the verifier finished").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    private static List<String> edited(int line, UnaryOperator<ObjectNode> edit) throws IOException {
        List<String> lines = new ArrayList<>(export);
        lines.set(line - 1, edit.apply((ObjectNode) Json.mapper().readTree(lines.get(line - 1))).toString());
        return lines;
    }

    @Test
    void anIntactExport_verifies() throws Exception {
        Run run = verify(export);

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("ok: 10 entries, seq 1 to 10, head ");
    }

    @Test
    void oneChangedByte_isNamedAtItsLine() throws Exception {
        Run run = verify(edited(4, entry -> entry.put("message", entry.get("message").asText().replace("increment",
                "increnent"))));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).isEqualTo("bad: line 4 (seq 3): does not match its hash");
    }

    @Test
    void reorderedLines_areNamedAtTheFirstMovedOne() throws Exception {
        List<String> lines = new ArrayList<>(export);
        lines.set(3, export.get(5));
        lines.set(5, export.get(3));

        assertThat(verify(lines).output()).isEqualTo("bad: line 4 (seq 3): entry 3 is missing");
    }

    @Test
    void aDeletedLine_namesTheMissingSeq() throws Exception {
        List<String> lines = new ArrayList<>(export);
        lines.remove(4);

        assertThat(verify(lines).output()).isEqualTo("bad: line 5 (seq 4): entry 4 is missing");
    }

    @Test
    void anInsertedLine_isNamed() throws Exception {
        List<String> lines = new ArrayList<>(export);
        lines.add(3, export.get(2));

        assertThat(verify(lines).output()).isEqualTo("bad: line 4 (seq 2): out of order after entry 2");
    }

    @Test
    void aChangedCheckpoint_isNamed() throws Exception {
        Run run = verify(edited(5, entry -> {
            ((ObjectNode) entry.get("checkpoint")).put("state", "{\"count\":1000}");
            return entry;
        }));

        assertThat(run.output()).isEqualTo("bad: line 5 (seq 4): the checkpoint does not match the state hash");
    }
}
