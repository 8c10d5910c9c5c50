package dev.troupe.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkDocTest {

    @Test
    void withSection_betweenMarkers_replacesOnlyTheGeneratedText() {
        String doc = """
                # Benchmarks

                Hand-written method.

                <!-- bench:calls:begin -->
                old table
                <!-- bench:calls:end -->

                Hand-written analysis.
                """;

        String updated = BenchmarkDoc.withSection(doc, "calls", "new table\n");

        assertThat(updated).isEqualTo("""
                # Benchmarks

                Hand-written method.

                <!-- bench:calls:begin -->
                new table
                <!-- bench:calls:end -->

                Hand-written analysis.
                """);
    }

    @Test
    void withSection_withoutMarkers_appendsASectionWithMarkers() {
        String updated = BenchmarkDoc.withSection("# Benchmarks\n", "memory", "table\n");

        assertThat(updated).isEqualTo("""
                # Benchmarks

                ## memory

                <!-- bench:memory:begin -->
                table
                <!-- bench:memory:end -->
                """);
    }

    @Test
    void withSection_otherBenchmarksMarkers_areLeftAlone() {
        String doc = BenchmarkDoc.withSection("# Benchmarks\n", "calls", "calls table\n");

        String updated = BenchmarkDoc.withSection(BenchmarkDoc.withSection(doc, "durable", "one\n"), "durable", "two\n");

        assertThat(updated).contains("calls table\n").contains("two\n").doesNotContain("one\n");
    }

    @Test
    void update_rendersTheResultIntoTheFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("benchmarks.md");
        Machine machine = new Machine(2, 24L << 30, "Test CPU", "Test JDK 25", "Test OS");
        BenchResult result = new BenchResult("calls", "title", "./troupe bench calls", "abc1234",
                "2026-01-01T00:00:00Z", 12.5, machine,
                List.of(Row.of("increments/s", 150_000, "ops/s").against("mailbox", 300_000)
                        .target(Target.atLeast(200_000))),
                List.of("a note"));

        new BenchmarkDoc(file).update(result);

        assertThat(Files.readString(file))
                .contains("Command: `./troupe bench calls`")
                .contains("revision `abc1234`")
                .contains("2 cores (Test CPU), 24.0 GiB, Test JDK 25, Test OS")
                .contains("| increments/s | 150,000 ops/s | mailbox | 300,000 ops/s | 0.50x | >= 200,000 | **no** |")
                .contains("- a note");
    }
}
