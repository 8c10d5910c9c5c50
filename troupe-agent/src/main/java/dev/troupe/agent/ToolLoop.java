package dev.troupe.agent;

import dev.troupe.Effects;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a tool loop did ({@link Agent#withTools}, {@link LlmCalls#withTools}): the messages it added to
 * the request (the model's answers and the tool results, in order), the model's last answer, and how
 * many model calls it made. The request's own tools are replaced by the toolbox's. {@code exhausted}
 * says the loop stopped at its bound while the model still asked for tools (the last answer's stop reason is then {@code tool_use}, its calls not run).
 *
 * @param messages  the messages added after the request's own, in order
 * @param last      the model's last answer
 * @param steps     the model calls made
 * @param exhausted whether the bound stopped the loop
 */
public record ToolLoop(List<LlmMessage> messages, LlmResponse last, int steps, boolean exhausted) {
    /** Checks and freezes the fields. */
    public ToolLoop {
        messages = List.copyOf(messages);
        Objects.requireNonNull(last, "last");
    }

    static ToolLoop run(Effects effects, LlmProvider provider, LlmRequest request, Toolbox tools, Toolbox.Calls calls,
                        int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, not " + maxSteps);
        }
        LlmRequest asked = new LlmRequest(request.model(), request.system(), request.messages(), tools.specs(),
                request.maxTokens());
        List<LlmMessage> added = new ArrayList<>();
        for (int step = 1; ; step++) {
            LlmResponse answer = LlmCalls.complete(effects, provider, asked);
            added.add(answer.asMessage());
            boolean more = LlmResponse.TOOL_USE.equals(answer.stopReason()) && !answer.toolUses().isEmpty();
            if (!more || step == maxSteps) {
                return new ToolLoop(added, answer, step, more);
            }
            List<ContentBlock> results = new ArrayList<>();
            for (ContentBlock.ToolUse use : answer.toolUses()) {
                results.add(tools.run(calls, use));
            }
            LlmMessage reply = new LlmMessage(LlmMessage.Role.USER, results);
            added.add(reply);
            asked = asked.with(answer.asMessage(), reply);
        }
    }
}
