package dev.troupe.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** White-box: {@link EventMemo} renders once per args instance and name, and never mixes events up. */
class EventMemoTest {
    private final AtomicInteger renderings = new AtomicInteger();
    private final EventMemo memo = new EventMemo((name, args) -> {
        renderings.incrementAndGet();
        return name + args;
    });

    @Test
    void sameArgsInstance_andName_isRenderedOnce() {
        List<Object> args = List.of("a", 1);

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            texts.add(memo.text("e", args));
        }

        assertThat(texts).containsOnly("e[a, 1]");
        assertThat(renderings).hasValue(1);
    }

    @Test
    void equalArgs_inAnotherInstance_areRenderedAgain() {
        memo.text("e", new ArrayList<>(List.of("x")));
        memo.text("e", new ArrayList<>(List.of("x")));

        assertThat(renderings).hasValue(2);
    }

    @Test
    void sameArgsInstance_underAnotherName_isItsOwnEvent() {
        List<Object> none = List.of();

        assertThat(memo.text("opened", none)).isEqualTo("opened[]");
        assertThat(memo.text("closed", none)).isEqualTo("closed[]");
        assertThat(memo.text("opened", none)).isEqualTo("opened[]");
    }

    @Test
    void interleavedBroadcasts_eachGetTheirOwnText() {
        List<List<Object>> broadcasts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            broadcasts.add(List.of(i));
        }

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < broadcasts.size(); i++) {
                assertThat(memo.text("n", broadcasts.get(i))).isEqualTo("n[" + i + "]");
            }
        }
    }

    @Test
    void rendererFailure_propagates_andIsNotRemembered() {
        EventMemo failing = new EventMemo((name, args) -> {
            renderings.incrementAndGet();
            throw new IllegalArgumentException("not serialisable");
        });
        List<Object> args = List.of(new Object());

        assertThatThrownBy(() -> failing.text("e", args)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> failing.text("e", args)).isInstanceOf(IllegalArgumentException.class);
        assertThat(renderings).hasValue(2);
    }
}
