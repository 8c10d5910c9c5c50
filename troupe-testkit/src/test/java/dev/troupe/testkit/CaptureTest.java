package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.AccessRule;
import dev.troupe.ActorRef;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.testkit.EventCapture.Event;
import dev.troupe.testkit.TallyActor.View;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Captures show what a subscriber receives and what each caller sees, read as soon as the calls return. */
@Timeout(60)
class CaptureTest {
    private static final Caller ALICE = Caller.client("alice");
    private static final Caller BOB = Caller.client("bob");
    private static final Caller EVE = Caller.client("eve");

    private final TroupeTestKit kit = TroupeTestKit.builder()
            .register(TallyActor.class, type -> type
                    .allow(CallerType.CLIENT, "add", "total", AccessRule.CONNECT, AccessRule.CREATE)
                    .access((caller, operation) -> !caller.id().equals("eve") && operation.equals(AccessRule.VIEW)))
            .start();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void events_arriveInBroadcastOrder_perName() {
        ActorRef<Tally> ref = kit.ref(Tally.class, Key.of("events"));
        try (EventCapture all = kit.events(ref); EventCapture added = kit.events(ref, "added")) {
            Tally tally = ref.getOrCreate();
            tally.add(2);
            tally.add(3);

            assertThat(added.of("added")).containsExactly(List.of(2L, 2L), List.of(3L, 5L));
            assertThat(all.all()).containsExactly(new Event("added", List.of(2L, 2L)), new Event("added", List.of(3L, 5L)));
            assertThat(all.of("unheard")).isEmpty();
        }
    }

    @Test
    void events_afterClose_areNoLongerCaptured() {
        ActorRef<Tally> ref = kit.ref(Tally.class, Key.of("closed"));
        EventCapture added = kit.events(ref, "added");
        ref.getOrCreate().add(1);
        added.close();

        ref.getOrCreate().add(1);
        assertThat(added.of("added")).containsExactly(List.of(1L, 1L));
    }

    @Test
    void views_showEachCallerItsOwnView_nowAndAfterEachChange() {
        ActorRef<Tally> ref = kit.ref(Tally.class, Key.of("views"));
        try (ViewCapture alice = kit.views(ref.as(ALICE)); ViewCapture bob = kit.views(ref.as(BOB))) {
            kit.actor(Tally.class, Key.of("views"), ALICE).add(2);
            kit.actor(Tally.class, Key.of("views"), BOB).add(3);

            assertThat(alice.current()).isEqualTo(new View(5, 2));
            assertThat(bob.current()).isEqualTo(new View(5, 3));
            assertThat(alice.changes()).containsExactly(new View(2, 2), new View(5, 2));
            assertThat(bob.changes()).containsExactly(new View(2, 0), new View(5, 3));
        }
    }

    @Test
    void views_ofACallerWithoutTheViewPermission_areRefused() {
        ActorRef<Tally> ref = kit.ref(Tally.class, Key.of("private"));
        kit.actor(Tally.class, Key.of("private"), EVE).add(1);

        assertThatThrownBy(() -> kit.views(ref.as(EVE))).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
        assertThatThrownBy(() -> ref.as(EVE).view()).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
    }

    @Test
    void handles_actAsTheGivenCaller() {
        Tally asEve = kit.actor(Tally.class, Key.of("callers"), EVE);
        asEve.add(4);

        assertThat(kit.ref(Tally.class, Key.of("callers")).as(ALICE).view()).isEqualTo(new View(4, 0));
        assertThatThrownBy(() -> kit.actor(Tally.class, Key.of("callers"), EVE).addLater(1, 1))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
    }
}
