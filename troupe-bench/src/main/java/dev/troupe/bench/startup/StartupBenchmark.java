package dev.troupe.bench.startup;

import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.http.LoadTest;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/*
 * Ready time: from launching `./troupe demo` (the launcher script, as a user runs it after a build)
 * to the first answered action, `POST /v1/actors/counter/actions/increment` over HTTP on 127.0.0.1,
 * polled every 2 ms. Two launches in each round, in alternating order, one per variant:
 *
 *   cache      the launcher's default: the JVM maps the demo's AOT cache (decision 0017)
 *   no cache   the same launch with TROUPE_AOT=off: the baseline
 *
 * each once on a fresh data directory (the schema is created) and once on a directory that already
 * holds data (the schema is checked). The cache lives in a scratch directory of its own
 * (TROUPE_AOT_DIR), recorded by the first launch of the run, which is reported apart: it is what the
 * first `./troupe demo` after a build costs. Memory is the process's resident set (VmRSS) right after
 * the first answer, and its peak while the http load test (`./troupe bench http --url`) runs against
 * the demo, both with the JVM's heap as the launcher sizes it.
 */

/**
 * {@code startup}: how long {@code ./troupe demo} takes to answer its first action, from its AOT cache
 * and without it, on fresh and on existing data, and its resident memory after start and under load.
 */
public final class StartupBenchmark implements Benchmark {
    static final int ROUNDS = 5;
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** Issue #22: ready within 0.5 s. */
    static final Target READY_TARGET = Target.atMost(0.5);
    /** Issue #22: at most 80 MiB resident after a fresh start, 250 MiB under load. */
    static final Target STARTED_RSS_TARGET = Target.atMost(80);
    static final Target LOADED_RSS_TARGET = Target.atMost(250);
    static final int LOAD_CLIENTS = 64;
    static final int LOAD_WARM_UP_SECONDS = 3;
    static final int LOAD_SECONDS = 10;
    private static final double MIB = 1024.0 * 1024.0;
    private static final Duration RSS_SAMPLE = Duration.ofMillis(50);

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String title() {
        return "./troupe demo: ready time and resident memory, from the JDK's AOT cache and without it";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Path launcher = Path.of("troupe").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("run from the repository root: no executable launcher at " + launcher);
        }
        Path log = context.freshDirectory("logs").resolve("demo.log");
        Path cacheDirectory = context.freshDirectory("aot").toAbsolutePath();
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("cache", Map.of("TROUPE_AOT_DIR", cacheDirectory.toString()));
        variants.put("no cache", Map.of("TROUPE_AOT", "off"));
        Path existing = context.freshDirectory("existing");

        // The first launch starts without the cache while its training run records it in the background,
        // on what becomes the existing data; the rounds begin once the cache is there.
        double firstStart;
        try (DemoLaunch launch = DemoLaunch.start(launcher, existing, variants.get("cache"), log)) {
            firstStart = launch.awaitFirstAction(READY_TIMEOUT);
            awaitCache(cacheDirectory);
        }
        Map<String, List<Double>> ready = new LinkedHashMap<>();
        Map<String, List<Double>> resident = new LinkedHashMap<>();
        int fresh = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> order = new ArrayList<>(variants.keySet());
            if (round % 2 == 1) {
                order = order.reversed();
            }
            for (String variant : order) {
                for (boolean onExisting : new boolean[] {false, true}) {
                    Path data = onExisting ? existing : context.freshDirectory("fresh-" + fresh++);
                    try (DemoLaunch launch = DemoLaunch.start(launcher, data, variants.get(variant), log)) {
                        String series = variant + (onExisting ? ", existing" : ", fresh");
                        ready.computeIfAbsent(series, s -> new ArrayList<>()).add(launch.awaitFirstAction(READY_TIMEOUT));
                        resident.computeIfAbsent(series, s -> new ArrayList<>()).add(launch.residentBytes() / MIB);
                    }
                }
            }
        }
        Map<String, Double> loaded = new LinkedHashMap<>();
        Map<String, Double> loadRate = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> variant : variants.entrySet()) {
            try (DemoLaunch launch = DemoLaunch.start(launcher, existing, variant.getValue(), log)) {
                launch.awaitFirstAction(READY_TIMEOUT);
                PeakResident peak = PeakResident.sample(launch);
                loadRate.put(variant.getKey(), LoadTest.incrementsPerSecond(URI.create(launch.url()), LOAD_CLIENTS,
                        LOAD_WARM_UP_SECONDS, LOAD_SECONDS));
                loaded.put(variant.getKey(), peak.stop() / MIB);
            }
        }
        return findings(firstStart, ready, resident, loaded, loadRate);
    }

    /** Waits until the launcher's background training has recorded the cache in {@code directory}. */
    private static void awaitCache(Path directory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try (Stream<Path> files = Files.list(directory)) {
                List<String> names = files.map(file -> file.getFileName().toString()).toList();
                if (names.stream().anyMatch(name -> name.endsWith(".aot"))) {
                    return;
                }
                if (names.stream().anyMatch(name -> name.endsWith(".aot.failed"))) {
                    throw new IllegalStateException("the demo's AOT cache could not be recorded; see "
                            + directory.resolve("training.log"));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no AOT cache in " + directory + " within " + READY_TIMEOUT);
            }
            Thread.sleep(Duration.ofMillis(50));
        }
    }

    private static Findings findings(double firstStart, Map<String, List<Double>> ready,
                                     Map<String, List<Double>> resident, Map<String, Double> loaded,
                                     Map<String, Double> loadRate) {
        Findings findings = new Findings();
        for (String data : List.of("fresh", "existing")) {
            Summary cached = summary(ready.get("cache, " + data));
            Summary plain = summary(ready.get("no cache, " + data));
            findings.row(Row.of("ready time, " + data + " data directory (median of " + ROUNDS + " launches)",
                            cached.median(), "s")
                    .against("the same launch without the AOT cache (TROUPE_AOT=off)", plain.median())
                    .target(READY_TARGET));
            findings.note(String.format(Locale.ROOT, "Ready times on %s data, s: with the cache %s, without %s.", data,
                    range(cached), range(plain)));
        }
        Summary plainFresh = summary(ready.get("no cache, fresh"));
        findings.row(Row.of("first start after a build, fresh data (records the cache in the background)", firstStart, "s")
                .against("a fresh start without the AOT cache", plainFresh.median()));
        for (String variant : List.of("cache", "no cache")) {
            Summary started = summary(resident.get(variant + ", fresh"));
            findings.row(Row.of("resident memory after a fresh start, " + variant, started.median(), "MiB")
                    .target(STARTED_RSS_TARGET));
            findings.row(Row.of(String.format(Locale.ROOT, "peak resident memory under load (%d clients, %d s), %s",
                            LOAD_CLIENTS, LOAD_WARM_UP_SECONDS + LOAD_SECONDS, variant), loaded.get(variant), "MiB")
                    .target(LOADED_RSS_TARGET));
            findings.note(String.format(Locale.ROOT, "Load test, %s: %s increments/s (SQLite, 1,000 counters);"
                    + " resident after a fresh start %s MiB.", variant, Numbers.format(loadRate.get(variant)), range(started)));
        }
        findings.note("Cited, not measured here: Restate 1.7 ready in 0.72 s and RivetKit 2.3 in 0.90 s;"
                + " resident after a fresh start / under load RivetKit 203 / 227-438 MB, Restate 336 / 690-716 MB"
                + " (issue #22, measured the same way on the development machine).");
        return findings;
    }

    private static Summary summary(List<Double> values) {
        return Summary.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String range(Summary summary) {
        return String.format(Locale.ROOT, "median %.3f (%.3f to %.3f)", summary.median(), summary.min(), summary.max());
    }

    /** The largest resident set of a launch, sampled on a virtual thread until stopped. */
    private static final class PeakResident {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        private PeakResident(DemoLaunch launch) {
            sampler = Thread.ofVirtual().name("startup-rss").start(() -> {
                try {
                    while (running) {
                        peak.accumulateAndGet(launch.residentBytes(), Math::max);
                        Thread.sleep(RSS_SAMPLE);
                    }
                } catch (IOException | InterruptedException e) {
                    running = false;
                }
            });
        }

        static PeakResident sample(DemoLaunch launch) {
            return new PeakResident(launch);
        }

        /** Stops sampling; returns the peak in bytes. */
        long stop() throws InterruptedException {
            running = false;
            sampler.join();
            return peak.get();
        }
    }
}
