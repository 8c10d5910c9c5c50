package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ActorRef;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.TypeOptions;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Newsroom;
import dev.troupe.testing.NewsroomActor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In the test kit an event that breaks its declared schema fails the turn that broadcast it, and so the
 * test that made it, although the type does not ask for validation; a runtime does not check it.
 */
@Timeout(60)
class TypedEventsKitTest {
    /** The newsroom's events, declared without asking for validation. */
    private static void declared(TypeOptions type) {
        type.event(NewsroomActor.POSTED, Newsroom.MessagePosted.class).event(NewsroomActor.AUDIT, String.class);
    }

    @Test
    void anEventFailingItsSchema_failsTheTurn_inTheKit() {
        try (TroupeTestKit kit = TroupeTestKit.builder().register(NewsroomActor.class, TypedEventsKitTest::declared).start()) {
            ActorRef<Newsroom> ref = kit.ref(Newsroom.class, Key.of("kit"));
            try (EventCapture posted = kit.events(ref, NewsroomActor.POSTED)) {
                Newsroom newsroom = ref.getOrCreate();
                newsroom.post("ada", "fits");

                assertThatThrownBy(() -> newsroom.postBroken("eve")).isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.is(ErrorCode.EVENT_INVALID_PAYLOAD)).isTrue());
                assertThat(newsroom.count()).as("the failed turn changed nothing").isEqualTo(1);
                assertThat(posted.of(NewsroomActor.POSTED)).containsExactly(List.of(new Newsroom.MessagePosted("ada", "fits", 1)));
            }
        }
    }

    @Test
    void theSameBroadcast_passesInARuntime_whereValidationIsOffByDefault() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(NewsroomActor.class, TypedEventsKitTest::declared).build()) {
            Newsroom newsroom = troupe.actor(Newsroom.class, Key.of("runtime"));

            assertThat(newsroom.postBroken("eve")).isEqualTo(1);
        }
    }
}
