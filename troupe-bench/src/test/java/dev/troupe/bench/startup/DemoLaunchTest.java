package dev.troupe.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The startup benchmark's launches: the resident set read from /proc, and a launcher that fails. */
class DemoLaunchTest {
    @TempDir
    Path dir;

    @Test
    void residentBytes_readsVmRssInKibibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 100000 kB\n";

        assertThat(DemoLaunch.residentBytes(status)).isEqualTo(123456L * 1024);
    }

    @Test
    void residentBytes_withoutVmRss_isRefused() {
        assertThatThrownBy(() -> DemoLaunch.residentBytes("Name:\tjava\nVmRSS:\t 12 MB\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VmRSS");
    }

    @Test
    void residentBytes_ofThisProcess_isPositive() throws Exception {
        String status = Files.readString(Path.of("/proc/self/status"));

        assertThat(DemoLaunch.residentBytes(status)).isPositive();
    }

    @Test
    void awaitFirstAction_whenTheLauncherExits_saysSoAndNamesTheLog() throws Exception {
        Path launcher = dir.resolve("troupe");
        Files.writeString(launcher, "#!/bin/sh\necho \"$@\"\nexit 3\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        Path log = dir.resolve("demo.log");

        try (DemoLaunch launch = DemoLaunch.start(launcher, dir.resolve("data"), Map.of(), log)) {
            assertThatThrownBy(() -> launch.awaitFirstAction(Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the demo exited with 3 before it answered; see " + log);
        }
        assertThat(Files.readString(log)).startsWith("demo --host 127.0.0.1 --port ").contains("--data " + dir.resolve("data"));
    }
}
