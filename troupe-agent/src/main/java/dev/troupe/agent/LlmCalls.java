package dev.troupe.agent;

import dev.troupe.ActorError;
import dev.troupe.Effects;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorContext;
import dev.troupe.json.CanonicalJson;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Calls to a model as recorded effects of the turn that makes them, for actors that do not extend
 * {@link Agent} (definition-based actors, or classes with another base).
 *
 * <p>Each call goes through {@link Effects#record} under the name {@value #EFFECT}: the request, the
 * provider's name and the complete answer (or the {@code agent} error it ended with) are kept in the
 * turn's history entry. Replaying the turn ({@code History.replay}, {@code stateAt}) hands the recorded
 * answer back without contacting the provider, and fails with {@code history/diverged} if the replayed
 * turn asks something else. A streamed call forwards its text as it arrives (live only: replay has no
 * one to send it to) and records the same complete answer as a plain call. Without history the call is
 * made and nothing is kept. The provider's key is not part of what is recorded.
 *
 * {@snippet :
 * LlmResponse answer = LlmCalls.complete(context.effects(), provider, request);
 * LlmResponse streamed = LlmCalls.stream(context.effects(), provider, request,
 *         LlmCalls.broadcastDeltas(context, messageId));
 * }
 */
public final class LlmCalls {
    /** The name of the effect a call is recorded under. */
    public static final String EFFECT = "llm";

    private LlmCalls() {
    }

    /** Asks {@code provider}, recorded in the turn's history. */
    public static LlmResponse complete(Effects effects, LlmProvider provider, LlmRequest request) {
        return recorded(effects, provider, request, () -> provider.complete(request));
    }

    /** Asks {@code provider} with a streamed answer, forwarded to {@code deltas} live; the complete answer is recorded. */
    public static LlmResponse stream(Effects effects, LlmProvider provider, LlmRequest request,
                                     LlmProvider.DeltaListener deltas) {
        Objects.requireNonNull(deltas, "deltas");
        return recorded(effects, provider, request, () -> provider.stream(request, deltas));
    }

    /**
     * Asks {@code provider} with {@code tools} and runs each tool call the model makes as a call of the
     * action by this actor ({@link Toolbox}), sending the results back, until the model stops asking or
     * {@code maxSteps} model calls were made. Each model call and each tool call is a recorded effect.
     *
     * @throws IllegalArgumentException if {@code maxSteps} is less than 1
     */
    public static ToolLoop withTools(ActorContext context, LlmProvider provider, LlmRequest request, Toolbox tools,
                                     int maxSteps) {
        return ToolLoop.run(context.effects(), provider, request, tools, context::call, maxSteps);
    }

    /**
     * Forwards each piece of text to the actor's connections at once ({@link ActorContext#broadcastNow})
     * as the event {@value Agent#DELTA_EVENT} with the arguments {@code messageId} and the text.
     */
    public static LlmProvider.DeltaListener broadcastDeltas(ActorContext context, String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        return (index, text) -> context.broadcastNow(Agent.DELTA_EVENT, messageId, text);
    }

    private static LlmResponse recorded(Effects effects, LlmProvider provider, LlmRequest request,
                                        Supplier<LlmResponse> call) {
        Objects.requireNonNull(effects, "effects");
        Objects.requireNonNull(request, "request");
        Exchange exchange = effects.record(EFFECT, Exchange.class, () -> {
            try {
                return new Exchange(provider.name(), request, call.get(), null, 0);
            } catch (TroupeException e) {
                if (!"agent".equals(e.error().group())) {
                    throw e;
                }
                return new Exchange(provider.name(), request, null, e.error(), e.status());
            }
        });
        if (!CanonicalJson.text(CanonicalJson.tree(exchange.request())).equals(CanonicalJson.text(CanonicalJson.tree(request)))) {
            throw new TroupeException(ErrorCode.HISTORY_DIVERGED,
                    "the turn asked " + provider.name() + " something else than the recorded call did");
        }
        if (exchange.error() != null) {
            throw new TroupeException(exchange.error(), exchange.status());
        }
        return Objects.requireNonNull(exchange.response(), "the recorded call has neither an answer nor an error");
    }

    /** What a call recorded: the request and either the answer or the error with its status. */
    record Exchange(String provider, LlmRequest request, @Nullable LlmResponse response, @Nullable ActorError error,
                    int status) {
    }
}
