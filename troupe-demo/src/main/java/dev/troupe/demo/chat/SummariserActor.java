package dev.troupe.demo.chat;

import dev.troupe.Input;
import dev.troupe.agent.Agent;
import dev.troupe.agent.LlmMessage;
import dev.troupe.agent.LlmProvider;
import dev.troupe.agent.LlmRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Implements {@link Summariser}: keeps the last {@value #KEPT} messages it was given and asks the model
 * (a recorded call, see {@link Agent}) for a summary of them each time.
 */
public final class SummariserActor extends Agent<SummariserActor.State> implements Summariser {
    static final int KEPT = 40;
    private static final String SYSTEM = "Summarise the conversation you are given in at most two sentences.";

    /**
     * The summariser's state.
     *
     * @param messages the messages it was given, oldest first, at most {@value #KEPT}
     */
    public record State(List<String> messages) {
        /** Freezes the field. */
        public State {
            messages = List.copyOf(messages);
        }
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    @Override
    protected LlmProvider provider() {
        return ChatSetup.current().provider();
    }

    @Override
    public String summarise(String text) {
        List<String> messages = new ArrayList<>(state().messages());
        messages.add(text);
        if (messages.size() > KEPT) {
            messages.subList(0, messages.size() - KEPT).clear();
        }
        setState(new State(messages));
        LlmRequest request = LlmRequest.builder(ChatSetup.current().model()).system(SYSTEM)
                .message(LlmMessage.user(String.join("\n\n", messages))).maxTokens(200).build();
        return complete(request).text();
    }
}
