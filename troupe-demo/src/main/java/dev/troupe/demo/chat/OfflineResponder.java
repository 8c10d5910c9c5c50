package dev.troupe.demo.chat;

import dev.troupe.agent.ContentBlock;
import dev.troupe.agent.LlmMessage;
import dev.troupe.agent.LlmProvider;
import dev.troupe.agent.LlmRequest;
import dev.troupe.agent.LlmResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The chat's answers when no model is configured: a provider that says so, in every answer, and
 * describes the last message it was given, streamed word by word (with {@code pause} between words, so
 * that a page shows it arriving). Deterministic: the same request gets the same answer.
 */
public final class OfflineResponder implements LlmProvider {
    /** The name the demo shows and records for this provider. */
    public static final String NAME = "offline";
    /** How every answer begins. */
    public static final String LABEL = "[Offline responder: set ANTHROPIC_API_KEY to answer with Claude.]";
    private static final Pattern WORDS = Pattern.compile("\\s+");
    private static final int QUOTED_WORDS = 12;
    private final Duration pause;

    /** A responder that waits {@code pause} between words of a streamed answer. */
    public OfflineResponder(Duration pause) {
        this.pause = pause;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        return response(answer(request));
    }

    @Override
    public LlmResponse stream(LlmRequest request, DeltaListener deltas) {
        String text = answer(request);
        String[] pieces = text.split("(?<= )");
        for (String piece : pieces) {
            deltas.onText(0, piece);
            if (!pause.isZero()) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while answering", e);
                }
            }
        }
        return response(text);
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "OfflineResponder[pause=" + pause + "]";
    }

    private static String answer(LlmRequest request) {
        List<LlmMessage> messages = request.messages();
        String last = messages.isEmpty() ? "" : messages.getLast().content().stream()
                .filter(ContentBlock.Text.class::isInstance).map(block -> ((ContentBlock.Text) block).text())
                .reduce("", String::concat).strip();
        String[] words = last.isEmpty() ? new String[0] : WORDS.split(last);
        String quoted = String.join(" ", Arrays.asList(words).subList(0, Math.min(words.length, QUOTED_WORDS)));
        return LABEL + " I read " + messages.size() + (messages.size() == 1 ? " message" : " messages")
                + "; the last has " + words.length + (words.length == 1 ? " word" : " words")
                + ": \u201c" + quoted + (words.length > QUOTED_WORDS ? " \u2026" : "") + "\u201d";
    }

    private static LlmResponse response(String text) {
        return new LlmResponse("offline-" + Integer.toHexString(text.hashCode()), "offline",
                List.of(new ContentBlock.Text(text)), "end_turn", new LlmResponse.Usage(0, 0));
    }
}
