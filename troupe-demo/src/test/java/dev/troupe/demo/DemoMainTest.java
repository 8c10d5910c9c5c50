package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./troupe demo}'s command line: start-up failures a user can fix are one line; {@code --version}. */
class DemoMainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void demo_onATakenPort_printsOneLineNamingPortOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            int exit = run("--port", String.valueOf(port), "--store", dir.resolve("data").toString(),
                    "--web", dir.resolve("no-web").toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("troupe demo: cannot start the Troupe server: 127.0.0.1:" + port
                    + " is already in use; stop the process listening there or choose another port"
                    + " (port 0 picks a free one); set it with --port N or TROUPE_PORT=N" + System.lineSeparator());
        }
    }

    @Test
    void demo_withAnUnreachablePostgres_printsOneLineNamingStoreOption() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }

        int exit = run("--port", "0", "--store", "postgresql://demo:secret@127.0.0.1:" + closed + "/demo");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).hasLineCount(1)
                .startsWith("troupe demo: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed + "/demo")
                .contains("check --store or TROUPE_STORE")
                .doesNotContain("secret");
    }

    @Test
    void version_printsTheBuiltVersion() {
        int exit = run("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("troupe ").contains("JVM ").doesNotContain("${");
        assertThat(out.toString().lines().findFirst().orElseThrow()).matches("troupe \\d+\\.\\d+\\.\\d+\\S*");
    }

    private int run(String... args) {
        CommandLine command = DemoMain.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
