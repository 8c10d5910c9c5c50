package dev.troupe.bench.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the generated part of {@code docs/benchmarks.md} in step with the latest results. Each
 * benchmark owns the text between {@code <!-- bench:NAME:begin -->} and {@code <!-- bench:NAME:end -->};
 * everything outside the markers (method, analysis, plans) is written by hand and left alone. A
 * benchmark without markers gets a new section, with markers, at the end of the file.
 */
public final class BenchmarkDoc {
    private final Path file;

    /** The document at {@code file}; it is created on the first update if absent. */
    public BenchmarkDoc(Path file) {
        this.file = file;
    }

    /** Replaces the generated section of {@code result}'s benchmark with a rendering of it. */
    public void update(BenchResult result) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        Files.writeString(file, withSection(text, result.name(), MarkdownTable.render(result)));
    }

    /** {@code text} with the generated section of {@code name} replaced by {@code body}, or appended. */
    static String withSection(String text, String name, String body) {
        String begin = "<!-- bench:" + name + ":begin -->";
        String end = "<!-- bench:" + name + ":end -->";
        String section = begin + "\n" + body + end;
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (to < 0) {
            String separator = text.endsWith("\n") ? "\n" : "\n\n";
            return text + separator + "## " + name + "\n\n" + section + "\n";
        }
        return text.substring(0, from) + section + text.substring(to + end.length());
    }
}
