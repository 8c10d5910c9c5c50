package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@link TroupeServer#start}: a start-up failure is one line that says what to do. */
class StartupFailureTest {

    @Test
    void start_onATakenPort_failsWithOneLineThatNamesTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Troupe troupe = TestServer.builder(new MemoryStore()).build()) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> TroupeServer.start(troupe, ServerConfig.port(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot start the Troupe server: 127.0.0.1:" + port + " is already in use; stop the"
                            + " process listening there or choose another port (port 0 picks a free one)");
        }
    }
}
