package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} over HTTP: the JVM, the process, Jetty and request latency by route template. */
class MetricsScrapeTest {
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void scrape_showsTheJvmAndTheProcess() {
        String body = t.get("/metrics").body();

        assertThat(body).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ",
                "jvm_classes_loaded_classes ", "process_cpu_usage ", "process_uptime_seconds ",
                "process_start_time_seconds ", "system_cpu_count ");
    }

    @Test
    void scrape_showsOpenFileDescriptors_whereTheOsReportsThem() {
        String body = t.get("/metrics").body();

        if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            assertThat(body).contains("process_files_open_files ", "process_files_max_files ");
        }
    }

    @Test
    void scrape_showsJettysConnectionsAndThreadPool() {
        String body = t.get("/metrics").body();

        assertThat(body).contains("jetty_connections_current", "jetty_connections_max", "jetty_threads_busy",
                "jetty_threads_idle", "jetty_threads_config_max", "jetty_threads_jobs");
    }

    @Test
    void requestLatency_isAHistogram_byMethodRouteTemplateAndStatus_neverByRawPath() {
        t.post("/v1/actors/test-counter/actions/increment?key=latency-secret-key", "{\"args\":[1]}");
        t.get("/v1/actors/test-counter?key=latency-absent");

        String body = t.get("/metrics").body();

        assertThat(body)
                .contains("troupe_http_request_duration_seconds_bucket{method=\"POST\","
                        + "route=\"/v1/actors/{type}/actions/{action}\",status=\"200\",le=\"0.005\"}")
                .contains("troupe_http_request_duration_seconds_count{method=\"GET\",route=\"/v1/actors/{type}\","
                        + "status=\"404\"}")
                .doesNotContain("latency-secret-key", "latency-absent", "increment");
    }
}
