package dev.troupe.bench.result;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link BenchResult} as the Markdown that {@link BenchmarkDoc} puts between a benchmark's
 * markers: the command, the machine and revision, a table of the rows and the notes.
 */
final class MarkdownTable {
    private MarkdownTable() {
    }

    static String render(BenchResult result) {
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(result.command()).append("`  \n")
                .append("Run: ").append(result.startedAt()).append(", ")
                .append(Numbers.format(result.seconds())).append(" s, revision `").append(result.revision())
                .append("`  \n")
                .append("Machine: ").append(result.machine().describe()).append("\n\n")
                .append("| Measurement | Troupe | Baseline (same run) | Baseline | Troupe / baseline | Target | Met |\n")
                .append("|---|---:|---|---:|---:|---|:---:|\n");
        for (Row row : result.rows()) {
            out.append("| ").append(row.measurement())
                    .append(" | ").append(Numbers.format(row.value())).append(' ').append(row.unit())
                    .append(" | ").append(orDash(row.baseline()))
                    .append(" | ").append(row.baselineValue() == null ? "-"
                            : Numbers.format(row.baselineValue()) + " " + row.unit())
                    .append(" | ").append(row.ratio() == null ? "-" : Numbers.ratio(row.ratio()))
                    .append(" | ").append(row.target() == null ? "-" : row.target().describe())
                    .append(" | ").append(met(row.met()))
                    .append(" |\n");
        }
        List<String> notes = result.notes();
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String orDash(@Nullable String text) {
        return text == null ? "-" : text;
    }

    private static String met(@Nullable Boolean met) {
        if (met == null) {
            return "-";
        }
        return met ? "yes" : "**no**";
    }
}
