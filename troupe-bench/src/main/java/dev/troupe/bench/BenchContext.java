package dev.troupe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a benchmark may use from its runner.
 *
 * @param benchmark  the name of the benchmark being run
 * @param scratch    a directory for the benchmark's data files, emptied before each run
 * @param results    the directory for result and profile files
 * @param profile    whether to record a JFR profile of the measured code into {@code results}
 */
public record BenchContext(String benchmark, Path scratch, Path results, boolean profile) {

    /** A new, empty directory {@code name} under {@link #scratch}, for one store's files. */
    public Path freshDirectory(String name) throws IOException {
        Path directory = scratch.resolve(name);
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(directory);
    }

    /**
     * The repository's root: the first directory, from the working directory up, that holds
     * {@code marker} (a path such as {@code fixtures/statecharts}), for benchmarks that read its files.
     *
     * @throws IllegalStateException if no directory above holds it
     */
    public Path repositoryRoot(String marker) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(marker))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + marker + " above " + Path.of("").toAbsolutePath());
    }
}
