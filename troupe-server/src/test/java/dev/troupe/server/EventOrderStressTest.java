package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.Subscription;
import dev.troupe.server.testing.Board;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events reach a subscriber in the order their turns ran, also when a turn that wrote nothing follows
 * right after one that wrote: its events wait behind the earlier turn's, even while those are being
 * released. (Before, the later turn could deliver first: the earlier write was marked finished
 * before its outputs went out, so the later turn released its own at once.)
 */
class EventOrderStressTest {
    private static final int ROUNDS = 2_000;

    @Test
    void aTurnThatWroteNothing_neverOvertakesTheEventsOfTheTurnBeforeIt() {
        try (TestServer t = TestServer.start()) {
            Board board = t.troupe.actor(Board.class, Key.of("ordered"));
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            try (Subscription subscription = t.troupe.ref(Board.class, Key.of("ordered"))
                    .subscribe((name, args) -> seen.add(name + ":" + args.getFirst()), "posted", "shout")) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) {
                    board.post("p" + i);
                    board.shout("s" + i, 1);
                    expected.add("posted:p" + i);
                    expected.add("shout:s" + i);
                }

                await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= expected.size());
                synchronized (seen) {
                    assertThat(seen).containsExactlyElementsOf(expected);
                }
            }
        }
    }
}
