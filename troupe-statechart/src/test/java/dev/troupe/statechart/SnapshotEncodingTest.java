package dev.troupe.statechart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A snapshot streamed by Jackson ({@link Snapshot} is {@code JsonSerializable}) is byte for byte what its
 * {@link Snapshot#toJson()} tree writes, on every differential fixture along seeded random runs of its
 * events and clock advances; a snapshot read back from those bytes writes them again; and a transition
 * returns the given snapshot itself exactly when the event changed nothing in its JSON.
 */
class SnapshotEncodingTest {
    private static final int RUNS = 100;
    private static final int STEPS = 20;

    @TestFactory
    Stream<DynamicTest> streamedSnapshotsMatchTheirTrees() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(XStateDifferentialTest.fixtures())) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("differential fixtures").hasSizeGreaterThanOrEqualTo(20);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> walk(file)));
    }

    private static void walk(Path fixtureFile) throws IOException {
        JsonNode fixture = Json.mapper().readTree(fixtureFile.toFile());
        Machine machine = Machine.fromJson(fixture.get("machine"), DifferentialVocabulary.forMachine(fixture.get("machine")));
        List<ObjectNode> events = new ArrayList<>();
        fixture.get("events").forEach(event -> events.add(event.isTextual()
                ? Json.mapper().createObjectNode().put("type", event.asText())
                : (ObjectNode) event));
        List<Long> advances = new ArrayList<>();
        fixture.path("advances").forEach(advance -> advances.add(advance.asLong()));
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            ControlledClock clock = new ControlledClock();
            Transition initial = Statecharts.initialTransition(machine, null);
            clock.perform(initial.actions());
            Snapshot snapshot = initial.snapshot();
            check(machine, snapshot, fixtureFile, seed);
            for (int step = 0; step < STEPS; step++) {
                List<ObjectNode> sent = new ArrayList<>();
                if (advances.isEmpty() || random.nextInt(4) != 0) {
                    sent.add(events.get(random.nextInt(events.size())));
                } else {
                    long target = clock.now() + advances.get(random.nextInt(advances.size()));
                    for (Optional<ObjectNode> due = clock.nextDue(target); due.isPresent(); due = clock.nextDue(target)) {
                        sent.add(due.get());
                    }
                    clock.moveTo(target);
                }
                for (ObjectNode event : sent) {
                    Transition next = Statecharts.transition(machine, snapshot, event);
                    clock.perform(next.actions());
                    assertThat(next.snapshot() == snapshot)
                            .as("%s seed %d step %d (%s): the same snapshot exactly when its JSON is the same",
                                    fixtureFile.getFileName(), seed, step, event)
                            .isEqualTo(next.snapshot().toJson().equals(snapshot.toJson()));
                    snapshot = next.snapshot();
                    check(machine, snapshot, fixtureFile, seed);
                }
            }
        }
    }

    private static void check(Machine machine, Snapshot snapshot, Path fixture, int seed) throws IOException {
        String tree = Json.mapper().writeValueAsString(snapshot.toJson());
        assertThat(Json.mapper().writeValueAsString(snapshot)).as("%s seed %d", fixture.getFileName(), seed).isEqualTo(tree);
        Snapshot read = Snapshot.fromJson(machine, Json.mapper().readTree(tree));
        assertThat(Json.mapper().writeValueAsString(read)).as("%s seed %d, read back", fixture.getFileName(), seed)
                .isEqualTo(tree);
    }
}
