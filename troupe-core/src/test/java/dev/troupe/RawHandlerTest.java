package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.host.Address;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostChannel;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.FaultyStore;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.RecorderActor;
import dev.troupe.testing.Webhook;
import dev.troupe.testing.WebhookActor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Raw HTTP requests and raw WebSockets through the host, in-process, on {@link MemoryStore}. */
class RawHandlerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration NOT_BEFORE = Duration.ofMillis(300);
    private static final Caller SERVICE = Caller.service("backend");
    private static final Address HOOK = new Address("test-webhook", Key.of("a"));

    private static Troupe troupe(MemoryStore store) {
        return Troupe.builder().store(store).register(WebhookActor.class)
                .register(RecorderActor.class).build();
    }

    private static RawRequest request(String method, String path, String body) {
        return new RawRequest(method, path, "x=1", Map.of("Content-Type", List.of("text/plain")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static RawResponse send(Troupe troupe, Address address, RawRequest request, Caller caller, CreateMode mode) {
        try {
            return troupe.host().request(address, request, caller, mode).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void request_reachesTheHandler_andItsStateChangeIsDurableBeforeTheResponse() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            RawResponse response = send(troupe, HOOK, request("POST", "/hook", "ping"), SERVICE, CreateMode.GET_OR_CREATE);

            assertThat(response.status()).isEqualTo(201);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hits=1");
            assertThat(response.headers()).containsEntry("x-hits", List.of("1"))
                    .containsEntry("content-type", List.of("text/plain; charset=utf-8"));
            assertThat(store.find("test-webhook", Key.of("a")).orElseThrow().state()).contains("POST /hook?x=1 ping");
        }
        try (Troupe troupe = troupe(store)) {
            assertThat(troupe.actor(Webhook.class, Key.of("a")).entries()).containsExactly("POST /hook?x=1 ping");
        }
    }

    @Test
    void request_throwing_leavesTheStateUnchanged_andAnswersTheError() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            send(troupe, HOOK, request("POST", "/hook", "one"), SERVICE, CreateMode.GET_OR_CREATE);

            assertThatThrownBy(() -> send(troupe, HOOK, request("POST", "/fail", ""), SERVICE, CreateMode.GET))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INTERNAL_ERROR)).isTrue());
            assertThatThrownBy(() -> send(troupe, HOOK, request("GET", "/refuse", ""), SERVICE, CreateMode.GET))
                    .isInstanceOfSatisfying(TroupeException.class, e ->
                            assertThat(e.error().qualifiedCode()).isEqualTo("user/refused"));
            assertThat(troupe.actor(Webhook.class, Key.of("a")).entries()).containsExactly("POST /hook?x=1 one");
        }
    }

    @Test
    void request_unhandled_isRawNotHandled404() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            troupe.actor(Recorder.class, Key.of("r")).total();

            assertThatThrownBy(() -> send(troupe, new Address("test-recorder", Key.of("r")), request("GET", "/", ""),
                    SERVICE, CreateMode.GET)).isInstanceOfSatisfying(TroupeException.class, e -> {
                        assertThat(e.is(ErrorCode.RAW_NOT_HANDLED)).isTrue();
                        assertThat(e.status()).isEqualTo(404);
                    });
            assertThatThrownBy(() -> send(troupe, HOOK, request("GET", "/elsewhere", ""), SERVICE,
                    CreateMode.GET_OR_CREATE)).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.RAW_NOT_HANDLED)).isTrue());
        }
    }

    @Test
    void request_toAnAbsentActorWithGet_isNotFound_andCreatesNothing() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            assertThatThrownBy(() -> send(troupe, HOOK, request("GET", "/hook", ""), SERVICE, CreateMode.GET))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue());
            assertThat(store.find("test-webhook", Key.of("a"))).isEmpty();
        }
    }

    @Test
    void rawHandlers_refusedWithoutAccess_forClients_andAllowedByARule() {
        try (Troupe open = Troupe.builder().store(new MemoryStore())
                .register(WebhookActor.class, type -> type.allow(CallerType.CLIENT, AccessRule.RAW, AccessRule.CREATE)).build();
             Troupe closed = troupe(new MemoryStore())) {
            Caller client = Caller.client("alice");
            assertThatThrownBy(() -> send(closed, HOOK, request("POST", "/hook", "x"), client, CreateMode.GET_OR_CREATE))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
            assertThatThrownBy(() -> closed.host().openRawSocket(HOOK, upgrade("/chat"), client,
                    CreateMode.GET_OR_CREATE, new Received()).join())
                    .hasCauseInstanceOf(TroupeException.class)
                    .satisfies(e -> assertThat(((TroupeException) e.getCause()).is(ErrorCode.FORBIDDEN)).isTrue());

            assertThat(send(open, HOOK, request("POST", "/hook", "x"), client, CreateMode.GET_OR_CREATE).status())
                    .isEqualTo(201);
        }
    }

    private static RawRequest upgrade(String path) {
        return new RawRequest("GET", path, "", Map.of(), new byte[0]);
    }

    @Test
    void socket_echoesWithState_eachMessageAsATurn_andHearsTheClose() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            Received received = new Received();
            HostChannel socket = troupe.host().openRawSocket(HOOK, upgrade("/chat"), SERVICE,
                    CreateMode.GET_OR_CREATE, received).join();
            socket.send("hello");
            socket.send("boom");
            socket.send("again");

            await("the welcome and two echoes").atMost(WAIT).until(() -> received.messages.size() == 3);
            assertThat(received.messages).containsExactly("welcome", "hello#2", "again#3");
            socket.close();
            Webhook webhook = troupe.actor(Webhook.class, Key.of("a"));
            await("the close hook").atMost(WAIT).until(() -> webhook.entries().size() == 4);
            assertThat(webhook.entries()).containsExactly("open /chat", "ws:hello", "ws:again", "closed:channel/closed");
        }
    }

    @Test
    void socket_closedByTheActor_reachesTheSink_andRefusedOpen_failsWithTheRefusal() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            Received received = new Received();
            HostChannel socket = troupe.host().openRawSocket(HOOK, upgrade("/chat"), SERVICE,
                    CreateMode.GET_OR_CREATE, received).join();
            socket.send("bye");
            await("the close").atMost(WAIT).until(() -> !received.closes.isEmpty());
            assertThat(received.closes).containsExactly("channel/closed");

            assertThatThrownBy(() -> troupe.host().openRawSocket(HOOK, upgrade("/refuse"), SERVICE, CreateMode.GET,
                    new Received()).join()).hasCauseInstanceOf(TroupeException.class)
                    .satisfies(e -> assertThat(((TroupeException) e.getCause()).error().qualifiedCode())
                            .isEqualTo("user/refused"));
            assertThatThrownBy(() -> troupe.host().openRawSocket(new Address("test-recorder", Key.of("r")),
                    upgrade("/"), SERVICE, CreateMode.GET_OR_CREATE, new Received()).join())
                    .satisfies(e -> assertThat(((TroupeException) e.getCause()).is(ErrorCode.RAW_NOT_HANDLED)).isTrue());
        }
    }

    @Test
    void responseAndSocketOutput_leaveOnlyOnceTheirTurnIsDurable() throws Exception {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = Troupe.builder().store(store).register(WebhookActor.class).build()) {
            Received received = new Received();
            HostChannel socket = troupe.host().openRawSocket(HOOK, upgrade("/chat"), SERVICE,
                    CreateMode.GET_OR_CREATE, received).join();
            await("the welcome").atMost(WAIT).until(() -> received.messages.size() == 1);

            CountDownLatch committing = store.hold();
            CompletableFuture<RawResponse> response = troupe.host().request(HOOK, request("POST", "/hook", "held"),
                    SERVICE, CreateMode.GET);
            assertThat(committing.await(10, TimeUnit.SECONDS)).isTrue();
            socket.send("held");
            await().during(NOT_BEFORE).atMost(NOT_BEFORE.multipliedBy(3))
                    .until(() -> !response.isDone() && received.messages.size() == 1);

            store.open();
            assertThat(response.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
            await("the echo").atMost(WAIT).until(() -> received.messages.size() == 2);
            assertThat(received.messages).containsExactly("welcome", "held#3");
        }
    }

    /** What a transport's sink heard. */
    private static final class Received implements ChannelSink {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();

        @Override
        public void message(String json) {
            messages.add(json);
        }

        @Override
        public void closed(ActorError reason) {
            closes.add(reason.qualifiedCode());
        }
    }
}
