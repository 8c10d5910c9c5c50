package dev.troupe.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test agent: answers questions, streamed or not, with a tool loop ({@code add}, computed here), and
 * keeps the conversation and the last failure in its state.
 */
public final class AssistantActor extends Agent<AssistantActor.State> implements Assistant {
    /** The provider the tests point the agents at; each test class uses its own key prefix. */
    static volatile LlmProvider provider;
    /** The tools of {@link #askUsingNotes}, built once the runtime is. */
    static volatile Toolbox tools;

    static final ToolSpec ADD = new ToolSpec("add", "Adds two integers.", AnthropicProviderTest.json(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"a\",\"b\"]}"));

    /**
     * The state.
     *
     * @param messages the conversation so far
     * @param failure  the code of the last failed call, or empty
     */
    public record State(List<LlmMessage> messages, String failure) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of(), "");
    }

    @Override
    protected LlmProvider provider() {
        return provider;
    }

    private LlmRequest request(String question) {
        return LlmRequest.builder(AnthropicWire.MODEL).system("Be brief.").messages(state().messages())
                .message(LlmMessage.user(question)).maxTokens(200).build();
    }

    @Override
    public String ask(String question) {
        LlmRequest request = request(question);
        try {
            LlmResponse answer = complete(request);
            update(s -> new State(request.with(answer.asMessage()).messages(), ""));
            return answer.text();
        } catch (TroupeException e) {
            update(s -> new State(s.messages(), e.error().qualifiedCode()));
            return "failed: " + e.error().qualifiedCode();
        }
    }

    @Override
    public String askStreaming(String question) {
        LlmRequest request = request(question);
        LlmResponse answer = stream(request, "m" + state().messages().size());
        update(s -> new State(request.with(answer.asMessage()).messages(), ""));
        return answer.text();
    }

    @Override
    public String askWithTools(String question) {
        LlmRequest request = LlmRequest.builder(AnthropicWire.MODEL).messages(state().messages())
                .message(LlmMessage.user(question)).tool(ADD).build();
        for (int step = 0; step < 5; step++) {
            LlmResponse answer = complete(request);
            request = request.with(answer.asMessage());
            if (!LlmResponse.TOOL_USE.equals(answer.stopReason())) {
                List<LlmMessage> done = request.messages();
                update(s -> new State(done, ""));
                return answer.text();
            }
            List<ContentBlock> results = new ArrayList<>();
            for (ContentBlock.ToolUse use : answer.toolUses()) {
                JsonNode input = use.input();
                results.add(new ContentBlock.ToolResult(use.id(),
                        Long.toString(input.path("a").asLong() + input.path("b").asLong()), false));
            }
            request = request.with(new LlmMessage(LlmMessage.Role.USER, results));
        }
        throw new IllegalStateException("the model did not stop within 5 steps");
    }

    @Override
    public ToolLoop askUsingNotes(String question, int maxSteps) {
        return withTools(request(question), tools, maxSteps);
    }
}
