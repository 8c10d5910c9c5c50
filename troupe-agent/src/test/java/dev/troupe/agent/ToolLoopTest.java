package dev.troupe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.agent.FakeLlmServer.Reply;
import dev.troupe.history.History;
import dev.troupe.history.ReplayReport;
import dev.troupe.store.MemoryStore;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Tools are actions: a toolbox built from the registered types' definitions gives the model each
 * action's schema, runs the calls it asks for as calls of the action by the agent, sends back results
 * and errors, and stops when the model does or at the step bound; replay reproduces the chain with
 * the model's server stopped and the notes actor untouched.
 */
@Isolated("sets the test agent's shared provider and tools")
class ToolLoopTest {
    private FakeLlmServer server;
    private Troupe troupe;

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer();
        AssistantActor.provider = AnthropicProvider.builder(ApiKey.of("sk-ant-tools-" + UUID.randomUUID(), "test"))
                .baseUrl(server.baseUrl()).maxRetries(0).build();
        troupe = Troupe.builder().store(new MemoryStore()).register(AssistantActor.class, type -> type.history())
                .register(NotesActor.class).build();
        AssistantActor.tools = Toolbox.builder(troupe.host())
                .action("test-notes", Key.of("shared"), "add", "Keeps a note with a priority.")
                .action("test-notes", Key.of("shared"), "list", "Lists the notes.").build();
    }

    @AfterEach
    void stop() {
        troupe.close();
        AssistantActor.provider.close();
        server.close();
    }

    @Test
    void theToolsSchemas_comeFromTheActionsDefinitions() {
        assertThat(AssistantActor.tools.specs()).extracting(ToolSpec::name).containsExactly("test_notes_add", "test_notes_list");
        assertThat(AssistantActor.tools.specs().getFirst().inputSchema()).isEqualTo(AnthropicProviderTest.json(
                "{\"type\":\"object\",\"properties\":{\"note\":{\"type\":\"string\"},\"priority\":{\"type\":\"integer\",\"format\":\"int32\"}},"
                        + "\"required\":[\"priority\"]}"));
        assertThatThrownBy(() -> Toolbox.builder(troupe.host()).action("nobody", Key.of("x"), "add", "?"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().qualifiedCode()).isEqualTo("actor/type_not_found"));
        assertThatThrownBy(() -> Toolbox.builder(troupe.host()).action("test-notes", Key.of("x"), "remove", "?"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().qualifiedCode()).isEqualTo("actor/action_not_found"));
    }

    @Test
    void toolCalls_runAsCallsOfTheActions_untilTheModelStops_andReplayWithoutTheServer() {
        server.reply(Reply.json(200, AnthropicWire.toolUseMessage("msg_1", "Noting.", "toolu_1", "test_notes_add",
                        "{\"note\":\"milk\",\"priority\":2}")),
                Reply.json(200, AnthropicWire.toolUseMessage("msg_2", "Again.", "toolu_2", "test_notes_add",
                        "{\"note\":\"a note that is far too long\",\"priority\":1}")),
                Reply.json(200, AnthropicWire.toolUseMessage("msg_3", "Hm.", "toolu_3", "no_such_tool", "{}")),
                Reply.json(200, AnthropicWire.textMessage("msg_4", "Noted milk.", "end_turn")));
        Assistant assistant = troupe.actor(Assistant.class, Key.of("tools"));

        ToolLoop loop = assistant.askUsingNotes("Note milk", 10);

        assertThat(loop.steps()).isEqualTo(4);
        assertThat(loop.exhausted()).isFalse();
        assertThat(loop.last().text()).isEqualTo("Noted milk.");
        assertThat(loop.messages()).hasSize(7);
        assertThat(troupe.actor(Notes.class, Key.of("shared")).list()).containsExactly("milk (2)");
        JsonNode first = server.received().getFirst().body();
        assertThat(first.path("tools")).extracting(tool -> tool.path("name").asText()).containsExactly("test_notes_add", "test_notes_list");
        assertThat(result(1)).isEqualTo(AnthropicProviderTest.json(
                "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"1\",\"is_error\":false}"));
        assertThat(result(2).path("is_error").asBoolean()).isTrue();
        assertThat(AnthropicProviderTest.json(result(2).path("content").asText()).path("code").asText()).isEqualTo("too_long");
        assertThat(AnthropicProviderTest.json(result(3).path("content").asText()).path("code").asText()).isEqualTo("unknown_tool");

        server.close();
        History history = troupe.history(Assistant.class, Key.of("tools"));
        ReplayReport replay = history.replay();
        assertThat(replay.deterministic()).as(replay.problem()).isTrue();
        assertThat(troupe.actor(Notes.class, Key.of("shared")).list()).containsExactly("milk (2)");
    }

    @Test
    void theLoop_stopsAtItsBound_withTheLastCallsNotRun() {
        server.reply(Reply.json(200, AnthropicWire.toolUseMessage("msg_1", "One.", "toolu_1", "test_notes_add",
                        "{\"note\":\"one\",\"priority\":1}")),
                Reply.json(200, AnthropicWire.toolUseMessage("msg_2", "Two.", "toolu_2", "test_notes_add",
                        "{\"note\":\"two\",\"priority\":1}")));

        ToolLoop loop = troupe.actor(Assistant.class, Key.of("bounded")).askUsingNotes("Note forever", 2);

        assertThat(loop.exhausted()).isTrue();
        assertThat(loop.steps()).isEqualTo(2);
        assertThat(loop.last().stopReason()).isEqualTo(LlmResponse.TOOL_USE);
        assertThat(server.received()).hasSize(2);
        assertThat(troupe.actor(Notes.class, Key.of("shared")).list()).containsExactly("one (1)");
    }

    /** The tool result the model was sent in request {@code index} (its last message's first block). */
    private JsonNode result(int index) {
        JsonNode messages = server.received().get(index).body().path("messages");
        return messages.get(messages.size() - 1).path("content").get(0);
    }
}
