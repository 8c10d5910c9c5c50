package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Newsroom;
import dev.troupe.testing.NewsroomActor;
import dev.troupe.testing.TallyDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Declared events: names a type may broadcast, payloads checked against their schemas, and access per
 * event for subscribers, in-process.
 */
class TypedEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Troupe troupe(Consumer<TypeOptions> options) {
        return Troupe.builder().store(new MemoryStore()).register(NewsroomActor.class, options).build();
    }

    /** What a listener received, as {@code name:args}. */
    private static final class Received {
        final List<String> events = new CopyOnWriteArrayList<>();

        void add(String name, List<Object> args) {
            events.add(name + ":" + Json.mapper().valueToTree(args));
        }
    }

    @Test
    void validBroadcast_isDelivered_withItsPayload() {
        try (Troupe troupe = troupe(NewsroomActor::options)) {
            ActorRef<Newsroom> room = troupe.ref(Newsroom.class, Key.of("valid"));
            Received received = new Received();
            try (Subscription ignored = room.subscribe(received::add, "*")) {
                assertThat(room.getOrCreate().post("ada", "hello")).isEqualTo(1);

                await().atMost(WAIT).until(() -> received.events.size() == 2);
                assertThat(received.events).containsExactly(
                        "message-posted:[{\"author\":\"ada\",\"text\":\"hello\",\"seq\":1}]",
                        "audit:[\"ada posted #1\"]");
            }
        }
    }

    @Test
    void broadcastFailingItsSchema_failsTheTurn_andLeavesNoTrace() {
        try (Troupe troupe = troupe(NewsroomActor::options)) {
            ActorRef<Newsroom> room = troupe.ref(Newsroom.class, Key.of("broken"));
            Received received = new Received();
            try (Subscription ignored = room.subscribe(received::add, "*")) {
                Newsroom newsroom = room.getOrCreate();
                newsroom.post("ada", "first");

                assertThatThrownBy(() -> newsroom.postBroken("eve"))
                        .isInstanceOfSatisfying(TroupeException.class, e -> {
                            assertThat(e.is(ErrorCode.EVENT_INVALID_PAYLOAD)).isTrue();
                            assertThat(e.error().metadata()).containsEntry("event", NewsroomActor.POSTED);
                            assertThat(e.getMessage()).contains("/seq");
                        });
                assertThat(newsroom.count()).as("the failed turn's state change never happened").isEqualTo(1);
                newsroom.post("ada", "second");

                await().atMost(WAIT).until(() -> received.events.size() == 4);
                assertThat(received.events).noneMatch(event -> event.contains("eve"));
            }
        }
    }

    @Test
    void undeclaredEvent_failsTheTurn_ofATypeThatDeclaresEvents() {
        try (Troupe troupe = troupe(NewsroomActor::options)) {
            Newsroom newsroom = troupe.actor(Newsroom.class, Key.of("undeclared"));

            assertThatThrownBy(newsroom::postUndeclared).isInstanceOfSatisfying(TroupeException.class, e -> {
                assertThat(e.is(ErrorCode.EVENT_UNDECLARED)).isTrue();
                assertThat(e.error().metadata()).containsEntry("event", "gossip");
            });
            assertThat(newsroom.count()).isZero();
            assertThatThrownBy(newsroom::gossipNow).as("broadcastNow keeps to the declarations too")
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.EVENT_UNDECLARED)).isTrue());
        }
    }

    @Test
    void withoutValidation_aPayloadIsNotChecked_butTheNameStillIs() {
        try (Troupe troupe = troupe(type -> {
            NewsroomActor.options(type);
            type.validateEvents(false);
        })) {
            Newsroom newsroom = troupe.actor(Newsroom.class, Key.of("unchecked"));

            assertThat(newsroom.postBroken("eve")).isEqualTo(1);
            assertThatThrownBy(newsroom::postUndeclared)
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.EVENT_UNDECLARED)).isTrue());
        }
    }

    @Test
    void validation_followsTheRuntimeDefault_unlessTheTypeSetsIt() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).validateEvents(true)
                .register(NewsroomActor.class, type -> type.event(NewsroomActor.POSTED, Newsroom.MessagePosted.class)
                        .event(NewsroomActor.AUDIT, String.class))
                .build()) {
            assertThatThrownBy(() -> troupe.actor(Newsroom.class, Key.of("default")).postBroken("eve"))
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.is(ErrorCode.EVENT_INVALID_PAYLOAD)).isTrue());
        }
    }

    @Test
    void aClientReceives_onlyTheEventsItsRulesAllow() {
        try (Troupe troupe = troupe(NewsroomActor::options)) {
            ActorRef<Newsroom> room = troupe.ref(Newsroom.class, Key.of("rules"));
            Received client = new Received();
            Received service = new Received();
            try (Subscription c = room.as(Caller.client("bob")).subscribe(client::add, "*");
                 Subscription s = room.as(Caller.service("auditor")).subscribe(service::add, NewsroomActor.AUDIT)) {
                Newsroom newsroom = room.getOrCreate();
                newsroom.post("ada", "one");
                newsroom.post("ada", "two");

                await().atMost(WAIT).until(() -> client.events.size() == 2 && service.events.size() == 2);
                assertThat(client.events).as("events arrive in order: an audit between them would show")
                        .allMatch(event -> event.startsWith(NewsroomActor.POSTED + ":"));
                assertThat(service.events).containsExactly("audit:[\"ada posted #1\"]", "audit:[\"ada posted #2\"]");
            }
        }
    }

    @Test
    void subscribingToADeniedOrUndeclaredEvent_isRefused_andConnectsNothing() {
        try (Troupe troupe = troupe(NewsroomActor::options)) {
            ActorRef<Newsroom> asClient = troupe.ref(Newsroom.class, Key.of("refused")).as(Caller.client("bob"));

            assertThatThrownBy(() -> asClient.subscribe((name, args) -> { }, NewsroomActor.AUDIT))
                    .isInstanceOfSatisfying(TroupeException.class, e -> {
                        assertThat(e.is(ErrorCode.EVENT_FORBIDDEN)).isTrue();
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.error().metadata()).containsEntry("event", NewsroomActor.AUDIT);
                    });
            assertThatThrownBy(() -> asClient.subscribe((name, args) -> { }, "gossip"))
                    .isInstanceOfSatisfying(TroupeException.class, e -> {
                        assertThat(e.is(ErrorCode.EVENT_NOT_FOUND)).isTrue();
                        assertThat(e.status()).isEqualTo(404);
                    });
            assertThat(troupe.ref(Newsroom.class, Key.of("refused")).info()).as("nothing connected").isEmpty();
        }
    }

    @Test
    void allowWithConnect_andNoEventNamed_grantsEveryEvent() {
        try (Troupe troupe = troupe(type -> NewsroomActor.options(type.allow(CallerType.CLIENT, AccessRule.CONNECT)))) {
            ActorRef<Newsroom> room = troupe.ref(Newsroom.class, Key.of("connect"));
            Received client = new Received();
            try (Subscription ignored = room.as(Caller.client("bob")).subscribe(client::add, NewsroomActor.AUDIT)) {
                room.getOrCreate().post("ada", "one");

                await().atMost(WAIT).until(() -> client.events.size() == 1);
                assertThat(client.events).containsExactly("audit:[\"ada posted #1\"]");
            }
        }
    }

    @Test
    void eventsDeclaredTwice_orWithABadName_failTheBuild() {
        assertThatThrownBy(() -> troupe(type -> NewsroomActor.options(type.event(NewsroomActor.AUDIT, long.class))))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.INVALID_REGISTRATION)).isTrue();
                    assertThat(e.getMessage()).contains("'audit' twice");
                });
        assertThatThrownBy(() -> troupe(type -> type.event("has space")))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.INVALID_REGISTRATION)).isTrue();
                    assertThat(e.getMessage()).contains("'has space'");
                });
    }

    @Test
    void aDefinitionsEvents_andItsOptionsEvents_formOneCatalogue() {
        EventDefinition added = new EventDefinition("added", List.of(Parameter.of("amount", Json.mapper().createObjectNode())));
        assertThatThrownBy(() -> Troupe.builder().store(new MemoryStore())
                .register(new TallyDefinition(), type -> type.event(added)).build())
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.getMessage()).contains("'added' twice"));
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(new TallyDefinition(), type -> type.event("reset")).build()) {
            assertThat(troupe.host().type(TallyDefinition.TYPE).events()).extracting(EventDefinition::name)
                    .containsExactly("added", "reset");
            assertThat(troupe.host().type(TallyDefinition.TYPE).events().getFirst().parameters())
                    .extracting(Parameter::name).containsExactly("amount", "total");
        }
    }

    @Test
    void eventArgumentSchemas_deriveFromTheirJavaTypes_asActionResultsDo_everyWrittenPropertyRequired() {
        try (Troupe troupe = troupe(NewsroomActor::options)) {
            EventDefinition posted = troupe.host().type("test-newsroom").events().getFirst();

            assertThat(posted.name()).isEqualTo(NewsroomActor.POSTED);
            assertThat(posted.parameters().getFirst().schema().toString()).isEqualTo(
                    "{\"type\":\"object\",\"title\":\"MessagePosted\",\"properties\":{\"author\":{\"type\":\"string\"},"
                            + "\"text\":{\"type\":\"string\"},\"seq\":{\"type\":\"integer\",\"format\":\"int64\"}},"
                            + "\"required\":[\"author\",\"text\",\"seq\"]}");
            assertThat(posted.parameters().getFirst().nullable()).isTrue();
        }
    }
}
