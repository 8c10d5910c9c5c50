package dev.troupe.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Troupe;
import dev.troupe.demo.DemoActors;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadTestTest {

    private static LoadTestOptions options(String url, String... more) {
        String[] args = new String[more.length + 8];
        args[0] = "--url=" + url;
        args[1] = "--clients=4";
        args[2] = "--keys=7";
        args[3] = "--seconds=1";
        args[4] = "--warm-up-seconds=0";
        args[5] = "--type=counter";
        args[6] = "--action=increment";
        args[7] = "--read=count";
        System.arraycopy(more, 0, args, 8, more.length);
        return CommandLine.populateCommand(new LoadTestOptions(), args);
    }

    @Test
    void aCorrectServer_passesWithEveryIncrementAccountedFor() throws Exception {
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(new MemoryStore())).build();
             TroupeServer server = TroupeServer.start(troupe, ServerConfig.port(0))) {
            LoadTestResult result = LoadTest.run(options("http://127.0.0.1:" + server.port()));

            assertThat(result.problems()).as(result.toString()).isEmpty();
            assertThat(result.calls()).as(result.toString()).isPositive();
            assertThat(result.passed()).isTrue();
            assertThat(result.calls()).isPositive();
            assertThat(result.acknowledged()).isGreaterThanOrEqualTo(result.calls());
            assertThat(result.statuses()).containsOnlyKeys(200);
            assertThat(result.p50Millis()).isPositive();
        }
    }

    @Test
    void aServerThatRepeatsCounts_failsTheCheck() throws Exception {
        try (BareHttpServer bare = BareHttpServer.start()) {
            StringWriter out = new StringWriter();
            int exit = LoadTest.execute(options("http://127.0.0.1:" + bare.address().getPort()),
                    new PrintWriter(out), new PrintWriter(new StringWriter()));

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains("problems").contains("repeated a count");
        }
    }

    @Test
    void jsonOutput_isOneParsableObject() throws Exception {
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(new MemoryStore())).build();
             TroupeServer server = TroupeServer.start(troupe, ServerConfig.port(0))) {
            StringWriter out = new StringWriter();
            int exit = LoadTest.execute(options("http://127.0.0.1:" + server.port(), "--json"),
                    new PrintWriter(out), new PrintWriter(new StringWriter()));

            assertThat(exit).isZero();
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
            assertThat(json.path("problemCount").asLong()).isZero();
            assertThat(json.path("perSecond").asDouble()).isPositive();
        }
    }

    @Test
    void aBadUrl_isAUsageError() throws Exception {
        StringWriter err = new StringWriter();
        int exit = LoadTest.execute(options("ftp://example.invalid/"), new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("http or https");
    }
}
