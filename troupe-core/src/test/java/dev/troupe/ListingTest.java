package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listing the actors of a type through the host ({@link dev.troupe.host.ActorHost#list}) and its access rule. */
class ListingTest {
    private static final String TYPE = "test-counter";

    @Test
    void list_pagesThroughTheActorsOfAKeyPrefix_inIdOrder() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(CounterActor.class).build()) {
            List.of(Key.of("acme", "general"), Key.of("acme", "x"), Key.of("acmes"), Key.of("other"))
                    .forEach(key -> troupe.actor(Counter.class, key).increment(1));

            List<ActorInfo> first = troupe.host().list(TYPE, Key.of("acme"), null, 1, Caller.system("ops"));
            List<ActorInfo> second = troupe.host().list(TYPE, Key.of("acme"), first.getLast().id(), 1,
                    Caller.service("ops"));
            List<ActorInfo> third = troupe.host().list(TYPE, Key.of("acme"), second.getLast().id(), 1,
                    Caller.service("ops"));

            assertThat(List.of(first.getFirst().key(), second.getFirst().key()))
                    .containsExactlyInAnyOrder(Key.of("acme", "general"), Key.of("acme", "x"));
            assertThat(first.getFirst().id()).isLessThan(second.getFirst().id());
            assertThat(third).isEmpty();
            assertThat(troupe.host().list(TYPE, Key.empty(), null, 10, Caller.system("ops"))).hasSize(4);
        }
    }

    @Test
    void list_isDeniedToClients_evenByAnAllowAllRule_unlessGrantedByName() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT)).build()) {
            assertThatThrownBy(() -> troupe.host().list(TYPE, Key.empty(), null, 10, Caller.client("alice")))
                    .isInstanceOfSatisfying(TroupeException.class, e -> {
                        assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue();
                        assertThat(e.getMessage()).contains("may not list the actors");
                    });
        }
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT, AccessRule.LIST)).build()) {
            assertThat(troupe.host().list(TYPE, Key.empty(), null, 10, Caller.client("alice"))).isEmpty();
        }
    }

    @Test
    void list_withATokenScopedToOneKey_isForbidden() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(CounterActor.class).build()) {
            Caller scopedToKey = new Caller(CallerType.SERVICE, "billing",
                    Map.of(Caller.SCOPE_TYPE, TYPE, Caller.SCOPE_KEY, List.of("a")));
            Caller scopedToOtherType = new Caller(CallerType.SERVICE, "billing", Map.of(Caller.SCOPE_TYPE, "other"));

            assertThatThrownBy(() -> troupe.host().list(TYPE, Key.empty(), null, 10, scopedToKey))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
            assertThatThrownBy(() -> troupe.host().list(TYPE, Key.empty(), null, 10, scopedToOtherType))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
            assertThatThrownBy(() -> troupe.host().list("nope", Key.empty(), null, 10, Caller.system("ops")))
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.is(ErrorCode.TYPE_NOT_FOUND)).isTrue());
        }
    }
}
