package dev.troupe.statechart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine against real XState v5 ({@code xstate} from npm, pinned in {@code src/test/node}): every
 * machine of {@code fixtures/statecharts/} runs 1,000 seeded random sequences of events and clock
 * advances in Node ({@code run-traces.mjs}), and this test replays each sequence in the engine. After the
 * start and after every step the state value, the context, the status and the ordered names of the
 * executed named actions must be identical; a mismatch names the machine, the seed and the step.
 *
 * <p>Needs {@code node} (20 or later) on the PATH and fails, rather than skips, without it; the npm
 * dependencies are installed into {@code src/test/node/node_modules} on the first run.
 */
class XStateDifferentialTest {
    static final int RUNS = 1000;
    static final int STEPS = 20;
    private static Path traces;

    @BeforeAll
    static void runXState() throws Exception {
        Path node = Path.of("src/test/node").toAbsolutePath();
        if (!Files.isDirectory(node.resolve("node_modules/xstate"))) {
            run(node, "npm", "ci", "--no-audit", "--no-fund");
        }
        traces = Path.of("target/xstate-traces").toAbsolutePath();
        run(node, "node", "run-traces.mjs", fixtures().toString(), traces.toString(),
                Integer.toString(RUNS), Integer.toString(STEPS));
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureMatchesXState() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(fixtures())) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("differential fixtures").hasSizeGreaterThanOrEqualTo(20);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> replay(file)));
    }

    static Path fixtures() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path folder = dir.resolve("fixtures").resolve("statecharts");
            if (Files.isDirectory(folder)) {
                return folder;
            }
        }
        throw new IllegalStateException("no fixtures/statecharts folder above " + Path.of("").toAbsolutePath());
    }

    private static void replay(Path fixtureFile) throws IOException {
        String name = fixtureFile.getFileName().toString().replace(".json", "");
        JsonNode definition = Json.mapper().readTree(fixtureFile.toFile()).get("machine");
        Machine machine = Machine.fromJson(definition, DifferentialVocabulary.forMachine(definition));
        JsonNode trace = Json.mapper().readTree(traces.resolve(name + ".json").toFile());
        assertThat(trace.get("runs")).as("XState runs of %s", name).hasSize(RUNS);
        for (JsonNode run : trace.get("runs")) {
            ControlledClock clock = new ControlledClock();
            Transition initial = Statecharts.initialTransition(machine, null);
            clock.perform(initial.actions());
            Snapshot snapshot = initial.snapshot();
            compare(name, run, -1, run.get("initial"), snapshot, initial.actions());
            int step = 0;
            for (JsonNode expected : run.get("steps")) {
                List<Action> actions = new ArrayList<>();
                if (expected.has("send")) {
                    Transition next = Statecharts.transition(machine, snapshot, (ObjectNode) expected.get("send"));
                    clock.perform(next.actions());
                    actions.addAll(next.actions());
                    snapshot = next.snapshot();
                } else {
                    long target = clock.now() + expected.get("advance").asLong();
                    for (Optional<ObjectNode> due = clock.nextDue(target); due.isPresent(); due = clock.nextDue(target)) {
                        Transition next = Statecharts.transition(machine, snapshot, due.get());
                        clock.perform(next.actions());
                        actions.addAll(next.actions());
                        snapshot = next.snapshot();
                    }
                    clock.moveTo(target);
                }
                compare(name, run, step++, expected, snapshot, actions);
            }
            assertThat(Snapshot.fromJson(machine, snapshot.toJson()).toJson())
                    .as("%s seed %s: the snapshot survives JSON", name, run.get("seed"))
                    .isEqualTo(snapshot.toJson());
        }
    }

    private static void compare(String machine, JsonNode run, int step, JsonNode expected, Snapshot actual,
            List<Action> actions) {
        List<String> names = actions.stream()
                .map(Action::name)
                .filter(n -> !n.equals(Action.AFTER_SCHEDULE) && !n.equals(Action.AFTER_CANCEL))
                .toList();
        List<String> expectedNames = new ArrayList<>();
        expected.get("actions").forEach(n -> expectedNames.add(n.asText()));
        ObjectNode got = JsonNodeFactory.instance.objectNode();
        got.set("value", actual.value());
        got.set("context", actual.context());
        got.put("status", actual.status().json());
        ObjectNode want = JsonNodeFactory.instance.objectNode();
        want.set("value", expected.get("value"));
        want.set("context", expected.get("context"));
        want.set("status", expected.get("status"));
        if (!got.equals(want) || !names.equals(expectedNames)) {
            fail("machine %s, seed %s, step %s (%s): XState %s actions %s, the engine %s actions %s",
                    machine, run.get("seed"), step < 0 ? "start" : step,
                    step < 0 ? "xstate.init" : input(run.get("steps").get(step)), want, expectedNames, got, names);
        }
    }

    private static String input(JsonNode step) {
        return step.has("send") ? "send " + step.get("send") : "advance " + step.get("advance") + " ms";
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("the differential tests need '" + command[0] + "' (Node.js 20 or later) on the "
                    + "PATH, to run real XState; install Node.js and npm", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed in " + directory + ":\n" + output);
        }
    }
}
