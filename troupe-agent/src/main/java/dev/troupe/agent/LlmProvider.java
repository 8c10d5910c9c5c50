package dev.troupe.agent;

/**
 * A language model behind an API: the seam between an agent and a vendor. Implementations here are
 * {@link AnthropicProvider} (the Messages API, through the official SDK) and {@link
 * OpenAiCompatibleProvider} (chat completions, as llama.cpp, Ollama and others serve them).
 *
 * <p>Calls block the calling thread (an actor's virtual thread) until the answer is complete. Failures
 * are {@link dev.troupe.TroupeException}s with the {@code agent} codes: {@code agent/rate_limited}
 * (429), {@code agent/overloaded} (503), {@code agent/request_rejected} (422) and {@code
 * agent/provider_error} (502) for everything else. Inside an actor, call a provider through {@link
 * LlmCalls} or {@link Agent} so the call is recorded in the turn's history. Implementations are
 * thread-safe, and their {@code toString} never shows a key.
 */
public interface LlmProvider extends AutoCloseable {

    /** A short name for records and errors, such as {@code anthropic}. */
    String name();

    /** Asks the model and waits for its complete answer. */
    LlmResponse complete(LlmRequest request);

    /**
     * Asks the model with a streamed answer: {@code deltas} gets each piece of text as it arrives, in
     * order, on the calling thread; the complete answer is returned at the end of the stream.
     */
    LlmResponse stream(LlmRequest request, DeltaListener deltas);

    /** Releases the provider's connections. */
    @Override
    void close();

    /** Receives the text of a streamed answer piece by piece. */
    @FunctionalInterface
    interface DeltaListener {
        /** The next piece of text of the answer's content block {@code index}. */
        void onText(int index, String text);
    }
}
