package dev.troupe.bench;

import dev.troupe.bench.activation.ActivationBenchmark;
import dev.troupe.bench.calls.CallsBenchmark;
import dev.troupe.bench.cluster.ClusterBenchmark;
import dev.troupe.bench.compat.CompatBenchmark;
import dev.troupe.bench.durable.DurableBenchmark;
import dev.troupe.bench.history.HistoryBenchmark;
import dev.troupe.bench.queues.QueuesBenchmark;
import dev.troupe.bench.sql.SqlBenchmark;
import dev.troupe.bench.supervision.SupervisionBenchmark;
import dev.troupe.bench.http.HttpBenchmark;
import dev.troupe.bench.http.LoadTest;
import dev.troupe.bench.http.LoadTestOptions;
import dev.troupe.bench.memory.MemoryBenchmark;
import dev.troupe.bench.pekko.PekkoBenchmark;
import dev.troupe.bench.startup.StartupBenchmark;
import dev.troupe.bench.statechart.StatechartBenchmark;
import dev.troupe.bench.wasm.WasmBenchmark;
import dev.troupe.bench.websocket.HibernateBenchmark;
import dev.troupe.bench.websocket.WebSocketBenchmark;
import dev.troupe.bench.result.BenchResult;
import dev.troupe.bench.result.BenchmarkDoc;
import dev.troupe.bench.result.Machine;
import dev.troupe.bench.result.ResultFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./troupe bench [NAME...]}: runs the benchmarks (all, or those named), writes each result to
 * {@code RESULTS/NAME.json} and regenerates its table in {@code docs/benchmarks.md}.
 */
@Command(name = "troupe bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs Troupe's benchmarks, each next to a baseline measured in the same run.",
                "Writes RESULTS/NAME.json and regenerates the tables in docs/benchmarks.md."})
public final class BenchMain implements Callable<Integer> {

    static {
        // troupe-demo's logback.xml is on the class path too; name ours explicitly so there is no tie.
        if (System.getProperty(LoggingConfig.PROPERTY) == null) {
            System.setProperty(LoggingConfig.PROPERTY, LoggingConfig.RESOURCE);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Benchmarks to run, in order (default: all). See --list.")
    private List<String> names = new ArrayList<>();

    @Option(names = "--list", description = "Lists the benchmarks and exits.")
    private boolean list;

    @Option(names = "--profile",
            description = "Records a JFR profile of the measured code of each benchmark into the results directory.")
    private boolean profile;

    @Option(names = "--results", defaultValue = "troupe-bench/target/results",
            description = "Directory of the JSON results (default: ${DEFAULT-VALUE}).")
    private Path results;

    @Option(names = "--scratch", defaultValue = "troupe-bench/target/bench-data",
            description = "Directory for the benchmarks' databases (default: ${DEFAULT-VALUE}).")
    private Path scratch;

    @Option(names = "--docs", defaultValue = "docs/benchmarks.md",
            description = "The document whose tables are regenerated (default: ${DEFAULT-VALUE}).")
    private Path docs;

    @Option(names = "--no-docs", description = "Writes the JSON results only.")
    private boolean noDocs;

    @Mixin
    private LoadTestOptions load = new LoadTestOptions();

    @Spec
    private CommandSpec spec;

    /** Runs the command; the exit code is 0 if every benchmark ran, 1 if one failed, 2 on bad usage. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    private static Map<String, Benchmark> catalogue() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        for (Benchmark benchmark : List.of(new CallsBenchmark(), new DurableBenchmark(), new MemoryBenchmark(),
                new PekkoBenchmark(), new HttpBenchmark(), new WebSocketBenchmark(), new HibernateBenchmark(), new ActivationBenchmark(),
                new StatechartBenchmark(), new HistoryBenchmark(), new SupervisionBenchmark(), new CompatBenchmark(),
                new ClusterBenchmark(), new StartupBenchmark(), new QueuesBenchmark(),
                new WasmBenchmark(), new SqlBenchmark())) {
            all.put(benchmark.name(), benchmark);
        }
        return all;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (load.requested()) {
            if (!names.isEmpty() && !names.equals(List.of("http"))) {
                spec.commandLine().getErr().println("--url runs the 'http' load test against a server; it takes no other benchmark");
                return 2;
            }
            return LoadTest.execute(load, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        Map<String, Benchmark> catalogue = catalogue();
        if (list) {
            catalogue.values().forEach(b -> spec.commandLine().getOut().printf("%-10s %s%n", b.name(), b.title()));
            return 0;
        }
        List<Benchmark> selected = new ArrayList<>();
        for (String name : names.isEmpty() ? List.copyOf(catalogue.keySet()) : names) {
            Benchmark benchmark = catalogue.get(name);
            if (benchmark == null) {
                spec.commandLine().getErr().println("unknown benchmark '" + name + "'; known: " + catalogue.keySet());
                return 2;
            }
            selected.add(benchmark);
        }
        String command = String.join(" ", commandLine());
        String revision = revision();
        int failures = 0;
        for (Benchmark benchmark : selected) {
            if (!runAndReport(benchmark, command, revision)) {
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private boolean runAndReport(Benchmark benchmark, String command, String revision) {
        LOG.info("Running benchmark '{}': {}", benchmark.name(), benchmark.title());
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long startNanos = System.nanoTime();
        Findings findings;
        try {
            BenchContext context = new BenchContext(benchmark.name(), scratch.resolve(benchmark.name()), results,
                    profile);
            findings = benchmark.run(context);
        } catch (Exception e) {
            LOG.error("Benchmark '{}' failed; nothing is reported for it", benchmark.name(), e);
            return false;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        BenchResult result = new BenchResult(benchmark.name(), benchmark.title(), command, revision,
                started.toString(), seconds, Machine.current(), findings.rows(), findings.notes());
        try {
            Path file = new ResultFiles(results).write(result);
            LOG.info("Wrote {}", file);
            if (!noDocs) {
                new BenchmarkDoc(docs).update(result);
                LOG.info("Updated the '{}' table in {}", benchmark.name(), docs);
            }
        } catch (IOException e) {
            LOG.error("Cannot write the result of '{}'", benchmark.name(), e);
            return false;
        }
        return true;
    }

    private List<String> commandLine() {
        List<String> words = new ArrayList<>(List.of("./troupe", "bench"));
        words.addAll(spec.commandLine().getParseResult().originalArgs());
        return words;
    }

    private static String revision() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            try (InputStream out = git.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
                return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? text : "unknown";
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
