package dev.troupe.bench.harness;

import dev.troupe.bench.BenchContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JFR recording of a benchmark that runs in this JVM, with the JDK's {@code profile} settings, written
 * to {@code RESULTS/NAME.jfr} when closed. Records nothing unless the run asked for profiles
 * ({@code --profile}). Inspect with {@code jfr print --events jdk.ExecutionSample FILE} or {@code jfr
 * summary FILE}.
 */
public final class Profiling implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Profiling.class);

    private final @Nullable Recording recording;
    private final Path file;

    private Profiling(@Nullable Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording if {@code context} asks for profiles. */
    public static Profiling start(BenchContext context) throws IOException, ParseException {
        Path file = context.results().resolve(context.benchmark() + ".jfr");
        if (!context.profile()) {
            return new Profiling(null, file);
        }
        Files.createDirectories(context.results());
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setDestination(file);
        recording.start();
        return new Profiling(recording, file);
    }

    /** Stops recording and writes the file. */
    @Override
    public void close() {
        if (recording != null) {
            recording.stop();
            recording.close();
            LOG.info("Wrote the profile {}", file);
        }
    }
}
