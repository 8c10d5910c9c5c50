package dev.troupe.bench.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes results as {@code DIRECTORY/NAME.json}, one file per benchmark, replaced on every run. */
public final class ResultFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;

    /** Result files in {@code directory}, which is created when the first result is written. */
    public ResultFiles(Path directory) {
        this.directory = directory;
    }

    /** Writes {@code result} and returns the file's path. */
    public Path write(BenchResult result) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(result.name() + ".json");
        MAPPER.writeValue(file.toFile(), result);
        return file;
    }
}
