package dev.troupe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.Subscription;
import dev.troupe.Troupe;
import dev.troupe.agent.FakeLlmServer.Reply;
import dev.troupe.history.History;
import dev.troupe.history.ReplayReport;
import dev.troupe.json.Json;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

/**
 * Calls made by an {@link Agent} are recorded effects: the request and the complete answer are in the
 * turn's history entry, streamed text reaches subscribers as {@code agent.delta} events, and replay and
 * {@code stateAt} reproduce the chain with the model's server stopped. The key appears nowhere.
 */
@Isolated("sets the test agent's shared provider and reads every log line")
class RecordedCallsTest {
    private final String key = "sk-ant-recorded-" + UUID.randomUUID();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;
    private FakeLlmServer server;
    private Troupe troupe;

    @BeforeEach
    void start() throws Exception {
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        logs.start();
        root.addAppender(logs);
        server = new FakeLlmServer();
        AssistantActor.provider = AnthropicProvider.builder(ApiKey.of(key, "test")).baseUrl(server.baseUrl())
                .maxRetries(0).build();
        troupe = Troupe.builder().store(new MemoryStore())
                .register(AssistantActor.class, type -> type.history()).build();
    }

    @AfterEach
    void stop() {
        troupe.close();
        AssistantActor.provider.close();
        server.close();
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    @Test
    void toolLoop_isRecorded_andReplaysWithTheServerStopped() {
        server.reply(Reply.json(200, AnthropicWire.toolUseMessage("msg_1", "Adding.", "toolu_1", "add", "{\"a\":2,\"b\":3}")),
                Reply.json(200, AnthropicWire.textMessage("msg_2", "2 + 3 = 5.", "end_turn")),
                Reply.json(200, AnthropicWire.textMessage("msg_3", "You asked about sums.", "end_turn")));
        Assistant assistant = troupe.actor(Assistant.class, Key.of("tools"));

        assertThat(assistant.askWithTools("What is 2 + 3?")).isEqualTo("2 + 3 = 5.");
        assertThat(assistant.ask("What did I ask?")).isEqualTo("You asked about sums.");
        assertThat(server.received()).hasSize(3);
        assertThat(server.received().get(1).body().path("messages").get(2).path("content").get(0))
                .isEqualTo(AnthropicProviderTest.json(
                        "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"5\",\"is_error\":false}"));

        History history = troupe.history(Assistant.class, Key.of("tools"));
        List<HistoryEntry> entries = history.entries(0, 100);
        JsonNode toolTurn = effects(entries.get(1));
        assertThat(toolTurn).hasSize(2);
        assertThat(toolTurn.get(0).path("name").asText()).isEqualTo(LlmCalls.EFFECT);
        assertThat(toolTurn.get(0).path("value").path("provider").asText()).isEqualTo("anthropic");
        assertThat(toolTurn.get(0).path("value").path("request").path("tools").get(0).path("name").asText()).isEqualTo("add");
        assertThat(toolTurn.get(1).path("value").path("response").path("content").get(0).path("text").asText())
                .isEqualTo("2 + 3 = 5.");
        JsonNode stateAfterTools = history.stateAt(entries.get(1).seq());

        server.close();
        ReplayReport replay = history.replay();
        assertThat(replay.deterministic()).as(replay.problem()).isTrue();
        assertThat(replay.replayed()).isEqualTo(entries.size() - 1);
        assertThat(history.stateAt(entries.get(1).seq())).isEqualTo(stateAfterTools);
        assertThat(stateAfterTools.path("messages")).hasSize(4);
        assertThat(history.stateAt(entries.getLast().seq()).path("messages")).hasSize(6);
        assertThat(history.verify().firstBadSeq()).isNull();
        assertNoKey(entries);
    }

    @Test
    void streamedAnswer_reachesSubscribersPieceByPiece_andTheCompleteMessageIsRecorded() {
        server.reply(Reply.sse(AnthropicWire.textStream("msg_s", List.of("Tokens ", "arrive ", "in order."))));
        Assistant assistant = troupe.actor(Assistant.class, Key.of("stream"));
        List<String> deltas = new CopyOnWriteArrayList<>();
        String answer;
        try (Subscription ignored = troupe.ref(Assistant.class, Key.of("stream"))
                .subscribe((name, args) -> deltas.add(name + " " + args), Agent.DELTA_EVENT)) {
            answer = assistant.askStreaming("How do tokens arrive?");
        }

        assertThat(answer).isEqualTo("Tokens arrive in order.");
        assertThat(deltas).containsExactly("agent.delta [m0, Tokens ]", "agent.delta [m0, arrive ]",
                "agent.delta [m0, in order.]");
        History history = troupe.history(Assistant.class, Key.of("stream"));
        List<HistoryEntry> entries = history.entries(0, 100);
        HistoryEntry turn = action(entries, "askStreaming");
        JsonNode recorded = effects(turn).get(0).path("value");
        assertThat(recorded.path("response").path("content")).isEqualTo(AnthropicProviderTest.json(
                "[{\"type\":\"text\",\"text\":\"Tokens arrive in order.\"}]"));
        assertThat(recorded.path("response").path("stop_reason").asText()).isEqualTo("end_turn");

        server.close();
        ReplayReport replay = history.replay();
        assertThat(replay.deterministic()).as(replay.problem()).isTrue();
        assertThat(history.stateAt(turn.seq()).path("messages").get(1).path("content").get(0).path("text")
                .asText()).isEqualTo("Tokens arrive in order.");
        assertNoKey(entries);
    }

    @Test
    void failedCall_isRecordedWithItsCode_andReplaysTheSameFailure() {
        server.reply(Reply.json(429, AnthropicWire.error("rate_limit_error", "Number of requests has exceeded your rate limit")));
        Assistant assistant = troupe.actor(Assistant.class, Key.of("limited"));

        assertThat(assistant.ask("Hi")).isEqualTo("failed: agent/rate_limited");

        History history = troupe.history(Assistant.class, Key.of("limited"));
        List<HistoryEntry> entries = history.entries(0, 100);
        JsonNode recorded = effects(entries.getLast()).get(0).path("value");
        assertThat(recorded.path("error").path("code").asText()).isEqualTo("rate_limited");
        assertThat(recorded.path("status").asInt()).isEqualTo(429);
        server.close();
        ReplayReport replay = history.replay();
        assertThat(replay.deterministic()).as(replay.problem()).isTrue();
        assertThat(history.stateAt(entries.getLast().seq()).path("failure").asText()).isEqualTo("agent/rate_limited");
        assertNoKey(entries);
    }

    /** The entry of the turn that ran {@code action} (connects and disconnects have entries too). */
    private static HistoryEntry action(List<HistoryEntry> entries, String action) {
        return entries.stream().filter(entry -> entry.message().contains("\"name\":\"" + action + "\"")).findFirst()
                .orElseThrow();
    }

    private static JsonNode effects(HistoryEntry entry) {
        try {
            return Json.mapper().readTree(entry.effects());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key is in no entry, no state, no log line, and not in the provider's description. */
    private void assertNoKey(List<HistoryEntry> entries) {
        assertThat(entries).allSatisfy(entry -> assertThat(entry.toString()).doesNotContain(key));
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())).doesNotContain(key));
        assertThat(AssistantActor.provider.toString()).doesNotContain(key);
    }
}
