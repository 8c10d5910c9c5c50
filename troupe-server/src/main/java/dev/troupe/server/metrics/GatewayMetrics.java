package dev.troupe.server.metrics;

import dev.troupe.ActorError;
import dev.troupe.RuntimeObserver;
import dev.troupe.RuntimeStats;
import dev.troupe.Troupe;
import dev.troupe.server.stream.StreamRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * The server's metrics in a Micrometer Prometheus registry, scraped at {@code GET /metrics}.
 *
 * <ul>
 *   <li>{@code troupe_http_requests_total{method,route,status}}: every HTTP request, by route template;</li>
 *   <li>{@code troupe_http_request_duration_seconds{method,route,status}}: a histogram of how long each
 *       HTTP request took until its answer started (for a stream or an upgrade: until it was accepted),
 *       by route template, never by raw path, so the series stay bounded;</li>
 *   <li>{@code troupe_errors_total{code}}: every error sent (HTTP and WebSocket), by {@code group/code};</li>
 *   <li>{@code troupe_websocket_connections}, {@code troupe_sse_connections}: open streams;</li>
 *   <li>{@code troupe_turn_duration_seconds{type,outcome}}: a histogram of how long turns execute
 *       (excluding the wait for durability); outcome is {@code ok} or the error's {@code group/code};</li>
 *   <li>{@code troupe_commit_batch_writes}: a histogram of actor writes per store transaction, and
 *       {@code troupe_commit_duration_seconds}: how long each transaction took;</li>
 *   <li>{@code troupe_turns_total}, {@code troupe_commit_batches_total}, {@code troupe_committed_writes_total},
 *       {@code troupe_durable_turns_total}, {@code troupe_active_actors}: from {@link Troupe#stats()},
 *       read at scrape time;</li>
 *   <li>Jetty: {@code jetty_connections_*} (open, peak, duration, bytes and messages, per connector) and
 *       {@code jetty_threads_*} (the request thread pool's configured, busy, idle threads and jobs), from
 *       Micrometer's Jetty binders;</li>
 *   <li>the JVM and the process, from Micrometer's binders: {@code jvm_memory_*}, {@code jvm_buffer_*},
 *       {@code jvm_gc_*}, {@code jvm_threads_*}, {@code jvm_classes_*}, {@code process_cpu_*}, {@code
 *       system_cpu_*}, {@code process_uptime_seconds}, {@code process_start_time_seconds} and {@code
 *       process_files_open_files}/{@code process_files_max_files} (where the OS reports them).</li>
 * </ul>
 *
 * <p>Given an application's own {@link MeterRegistry} (Spring Boot's, say), every one of these meters but
 * the JVM's and the process's is registered there too, and removed from it again on {@link #close()}.
 * Those two describe the whole process, which an application's registry has its own binders for
 * (Spring Boot binds them); binding them twice would have the server remove the application's when it
 * stops. Thread-safe.
 */
public final class GatewayMetrics implements RuntimeObserver, AutoCloseable {
    /** HTTP's standard methods; any other counts as {@code OTHER}. */
    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /** The buckets of the request latency histogram, from 1 ms to 30 s. */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
            10_000, 30_000).map(Duration::ofMillis).toArray(Duration[]::new);

    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final @Nullable MeterRegistry application;
    /** Where meters are registered: the Prometheus registry, and the application's if there is one. */
    private final MeterRegistry registry;
    private final DistributionSummary batchWrites;
    private final Timer commitDuration;
    private final AutoCloseable observation;
    private final Meters<RequestKey, Counter> requests;
    private final Meters<RequestKey, Timer> latencies;
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final Meters<String, Counter> errors;
    private final Meters<TurnKey, Timer> turnTimers;

    /** The tags of one {@code troupe.http.requests} counter and {@code troupe.http.request.duration} timer. */
    private record RequestKey(String method, String route, int status) {
    }

    /** The tags of one {@code troupe.turn.duration} timer. */
    private record TurnKey(String type, String outcome) {
    }

    /**
     * Metrics for a Jetty {@code server} (its connectors added, not yet started) serving {@code troupe}
     * with these streams, registered in {@code application} too unless it is null; observes the runtime
     * and the server until closed.
     */
    public GatewayMetrics(Troupe troupe, StreamRegistry streams, Server server, @Nullable MeterRegistry application) {
        this.application = application;
        this.registry = application == null ? prometheus : new CompositeMeterRegistry(prometheus.config().clock())
                .add(prometheus).add(application);
        this.batchWrites = DistributionSummary.builder("troupe.commit.batch.writes")
                .description("Actor writes per store transaction").publishPercentileHistogram()
                .register(registry);
        this.commitDuration = Timer.builder("troupe.commit.duration")
                .description("Store transaction time").publishPercentileHistogram().register(registry);
        this.requests = new Meters<>(k -> Counter.builder("troupe.http.requests")
                .description("HTTP requests")
                .tag("method", k.method()).tag("route", k.route()).tag("status", Integer.toString(k.status()))
                .register(registry));
        this.latencies = new Meters<>(k -> Timer.builder("troupe.http.request.duration")
                .description("HTTP request time until the answer started")
                .tag("method", k.method()).tag("route", k.route()).tag("status", Integer.toString(k.status()))
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
        this.errors = new Meters<>(code -> Counter.builder("troupe.errors")
                .description("Errors sent to clients").tag("code", code).register(registry));
        this.turnTimers = new Meters<>(k -> Timer.builder("troupe.turn.duration")
                .description("Turn execution time").tag("type", k.type()).tag("outcome", k.outcome())
                .publishPercentileHistogram().register(registry));
        Gauge.builder("troupe.websocket.connections", streams, s -> s.count(StreamRegistry.Kind.WEBSOCKET))
                .description("Open WebSocket connections").register(registry);
        Gauge.builder("troupe.sse.connections", streams, s -> s.count(StreamRegistry.Kind.SSE))
                .description("Open server-sent event streams").register(registry);
        Gauge.builder("troupe.active.actors", troupe, t -> t.stats().activeActors())
                .description("Activations in memory").register(registry);
        counter(troupe, "troupe.turns", "Turns completed", s -> s.turns());
        counter(troupe, "troupe.commit.batches", "Store transactions committed", s -> s.commitBatches());
        counter(troupe, "troupe.committed.writes", "Actor writes committed", s -> s.committedWrites());
        counter(troupe, "troupe.durable.turns", "State-changing turns made durable", s -> s.durableTurns());
        bindProcess();
        bindJetty(server);
        this.observation = troupe.observe(this);
    }

    /** The JVM's and the process's meters, at {@code /metrics} only (see the class comment). */
    private void bindProcess() {
        new ClassLoaderMetrics().bindTo(prometheus);
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(prometheus);
        binders.add(gc);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        new FileDescriptorMetrics().bindTo(prometheus);
    }

    private void bindJetty(Server server) {
        JettyConnectionMetrics.addToAllConnectors(server, registry);
        JettyServerThreadPoolMetrics threads = new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty());
        threads.bindTo(registry);
        binders.add(threads);
    }

    @Override
    public void turnEnded(String type, String operation, long nanos, @Nullable ActorError error) {
        String outcome = error == null ? "ok" : error.qualifiedCode();
        turnTimers.get(new TurnKey(type, outcome)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void committed(int writes, int turns, long nanos) {
        batchWrites.record(writes);
        commitDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops observing the runtime and the JVM, and removes the meters from the application's registry. */
    @Override
    public void close() {
        try {
            observation.close();
            for (AutoCloseable binder : binders) {
                binder.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop observing the runtime", e);
        } finally {
            if (application != null) {
                for (Meter meter : registry.getMeters()) {
                    application.removeByPreFilterId(meter.getId());
                }
            }
        }
    }

    private void counter(Troupe troupe, String name, String description, ToDoubleFunction<RuntimeStats> read) {
        FunctionCounter.builder(name, troupe, t -> read.applyAsDouble(t.stats()))
                .description(description).register(registry);
    }

    /**
     * Counts one HTTP request that took {@code nanos} until its answer started. A method outside HTTP's
     * standard ones counts as {@code OTHER}: the method is whatever a client sends, and a tag value per
     * invented method would grow the registry without bound.
     */
    public void request(String method, String route, int status, long nanos) {
        RequestKey key = new RequestKey(STANDARD_METHODS.contains(method) ? method : "OTHER", route, status);
        requests.get(key).increment();
        latencies.get(key).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one error sent to a client, by {@code group/code}. */
    public void error(String qualifiedCode) {
        errors.get(qualifiedCode).increment();
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return prometheus.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }
}
