package dev.troupe.agent;

import dev.troupe.Actor;

/**
 * An actor that talks to a model: {@link #complete} and {@link #stream} run the call as a recorded
 * effect of the turn ({@link LlmCalls}), so the request and the complete answer are in the turn's
 * history entry and replay never calls the model again; a streamed answer reaches the actor's
 * connections piece by piece while the turn runs, as {@value #DELTA_EVENT} events, and the turn's
 * durable result is the complete answer.
 *
 * <p>The provider comes from {@link #provider()}: actors are built by the runtime with their no-argument
 * constructor, so a subclass reaches its provider the way it reaches any other client (a field set up
 * in the constructor, a shared holder). Keep the conversation in the state, not in fields.
 *
 * {@snippet :
 * public final class Assistant extends Agent<Assistant.State> implements Chat {
 *     public record State(List<LlmMessage> messages) {}
 *
 *     @Override protected State initialState(Input input) { return new State(List.of()); }
 *     @Override protected LlmProvider provider() { return Providers.anthropic(); }
 *
 *     @Override public String ask(String question) {
 *         LlmRequest request = LlmRequest.builder("claude-sonnet-4-5")
 *                 .messages(state().messages()).message(LlmMessage.user(question)).build();
 *         LlmResponse answer = stream(request, "m" + state().messages().size());
 *         update(s -> new State(request.with(answer.asMessage()).messages()));
 *         return answer.text();
 *     }
 * }
 * }
 *
 * @param <S> the state type
 */
public abstract class Agent<S> extends Actor<S> {
    /**
     * The event of a streamed answer's next piece of text; its arguments are the message id given to
     * {@link #stream} and the text.
     */
    public static final String DELTA_EVENT = "agent.delta";

    /** For subclasses. */
    protected Agent() {
    }

    /** The provider this agent's calls go to. */
    protected abstract LlmProvider provider();

    /** Asks the model and waits for the complete answer; recorded in the turn's history. */
    protected final LlmResponse complete(LlmRequest request) {
        return LlmCalls.complete(effects(), provider(), request);
    }

    /**
     * Asks the model with {@code tools} and runs its tool calls as calls of the actions by this agent,
     * until it stops asking or {@code maxSteps} model calls were made; see {@link LlmCalls#withTools}.
     */
    protected final ToolLoop withTools(LlmRequest request, Toolbox tools, int maxSteps) {
        return ToolLoop.run(effects(), provider(), request, tools, this::call, maxSteps);
    }

    /**
     * Asks the model with a streamed answer: each piece of text is broadcast at once as {@value
     * #DELTA_EVENT} with {@code messageId} (not durable, not replayed), and the complete answer is
     * returned and recorded in the turn's history.
     */
    protected final LlmResponse stream(LlmRequest request, String messageId) {
        return LlmCalls.stream(effects(), provider(), request, (index, text) -> broadcastNow(DELTA_EVENT, messageId, text));
    }
}
