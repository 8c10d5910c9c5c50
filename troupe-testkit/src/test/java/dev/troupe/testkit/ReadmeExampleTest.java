package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.ActorRef;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.testkit.TallyActor.View;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of this module's README.md, verbatim between the {@code // README} markers. */
class ReadmeExampleTest {

    @Test
    void readme_firstTest() {
        // README: first-test
        try (TroupeTestKit kit = TroupeTestKit.builder()
                .register(TallyActor.class, type -> type.allow(CallerType.CLIENT))
                .start()) {
            Tally tally = kit.actor(Tally.class, Key.of("a"), Caller.client("alice"));

            assertThat(tally.add(2)).isEqualTo(2);
            assertThat(tally.total()).isEqualTo(2);
        }
        // README: end
    }

    @Test
    void readme_time() {
        try (TroupeTestKit kit = TroupeTestKit.builder()
                .register(TallyActor.class, type -> type.sleepAfter(Duration.ofMinutes(10)))
                .start()) {
            // README: time
            Tally tally = kit.actor(Tally.class, Key.of("a"));
            tally.addLater(60_000, 5);                       // a durable schedule, due in a minute

            kit.clock().advance(Duration.ofSeconds(59));
            assertThat(tally.total()).isZero();              // not due yet: nothing fired

            kit.clock().advance(Duration.ofSeconds(1));
            assertThat(tally.total()).isEqualTo(5);          // fired and committed before advance returned

            kit.clock().advance(Duration.ofMinutes(11));
            assertThat(kit.troupe().stats().activeActors()).isZero();   // idle for 10 minutes: asleep
            assertThat(tally.total()).isEqualTo(5);          // the next call wakes it with its durable state
            // README: end
        }
    }

    @Test
    void readme_captures() {
        try (TroupeTestKit kit = TroupeTestKit.builder()
                .register(TallyActor.class, type -> type.allow(CallerType.CLIENT))
                .start()) {
            // README: captures
            ActorRef<Tally> ref = kit.ref(Tally.class, Key.of("a"));
            try (EventCapture events = kit.events(ref, "added");
                 ViewCapture bobSees = kit.views(ref.as(Caller.client("bob")))) {
                ref.as(Caller.client("alice")).getOrCreate().add(2);
                ref.as(Caller.client("bob")).getOrCreate().add(3);

                assertThat(events.of("added")).containsExactly(List.of(2L, 2L), List.of(3L, 5L));
                assertThat(bobSees.changes()).containsExactly(new View(2, 0), new View(5, 3));
                assertThat(bobSees.current()).isEqualTo(new View(5, 3));
            }
            // README: end
        }
    }
}
