package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The AOT cache's training run: two starts on one store, each answering the first calls over HTTP. */
class DemoTrainingTest {
    @TempDir
    Path dir;

    @Test
    void training_startsFreshThenOnExistingData_andAnswersTheFirstCalls() throws Exception {
        Path web = Files.createDirectories(dir.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>demo</title>");
        Path store = Files.createDirectories(dir.resolve("store"));

        DemoTraining.run(store, new String[] {"--web", web.toString()});

        // Two increments per start, both starts on the same store: the second start found the first's data.
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(store)))
                .build()) {
            assertThat(troupe.actor(Counter.class, Key.of("demo", "training")).count()).isEqualTo(4);
        }
    }

    @Test
    void training_onAnUnknownOption_failsBeforeStarting() {
        Path store = dir.resolve("store");

        assertThatThrownBy(() -> DemoTraining.run(store, new String[] {"--port-typo", "1"}))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
        assertThat(store).doesNotExist();
    }
}
