package com.example.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ActorRef;
import dev.troupe.Caller;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.testkit.EventCapture;
import dev.troupe.testkit.TroupeTestKit;
import dev.troupe.testkit.ViewCapture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guestbook in-process, on the test kit's in-memory store, called as a client as the server would. */
class GuestbookTest {
    private TroupeTestKit kit;
    private ActorRef<Guestbook> lobby;

    @BeforeEach
    void start() {
        kit = TroupeTestKit.builder()
                .register(GuestbookActor.class, GuestbookActor::access)
                .start();
        lobby = kit.ref(Guestbook.class, Key.of("lobby")).as(Caller.client("ada"));
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void sign_addsANumberedEntry() {
        Guestbook guestbook = lobby.getOrCreate();

        assertThat(guestbook.sign("Ada", "hello")).isEqualTo(new Entry(1, "Ada", "hello"));
        assertThat(guestbook.sign("Grace", "hi")).isEqualTo(new Entry(2, "Grace", "hi"));
        assertThat(guestbook.entries()).extracting(Entry::name).containsExactly("Ada", "Grace");
    }

    @Test
    void sign_broadcastsTheEntry_andEveryoneSeesIt() {
        try (EventCapture signed = kit.events(lobby, "signed");
             ViewCapture bobSees = kit.views(lobby.as(Caller.client("bob")))) {
            Entry entry = lobby.getOrCreate().sign("Ada", "hello");

            assertThat(signed.of("signed")).containsExactly(List.of(entry));
            assertThat(bobSees.current()).isEqualTo(new GuestbookActor.State(List.of(entry)));
        }
    }

    @Test
    void sign_withoutAName_isRefused_andWritesNothing() {
        Guestbook guestbook = lobby.getOrCreate();

        assertThatThrownBy(() -> guestbook.sign(" ", "anonymous"))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().code()).isEqualTo("name_required"));
        assertThat(guestbook.entries()).isEmpty();
    }

    @Test
    void clients_mayNotDestroyAGuestbook() {
        lobby.getOrCreate().sign("Ada", "hello");

        assertThatThrownBy(lobby::destroy)
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().code()).isEqualTo("forbidden"));
        assertThat(kit.actor(Guestbook.class, Key.of("lobby")).entries()).hasSize(1);
    }
}
