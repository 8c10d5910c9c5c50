package dev.troupe.demo;

import dev.troupe.agent.AnthropicProvider;
import dev.troupe.agent.ApiKey;
import dev.troupe.agent.LlmProvider;
import dev.troupe.agent.OpenAiCompatibleProvider;
import dev.troupe.demo.chat.ChatSetup;
import dev.troupe.demo.chat.OfflineResponder;
import java.time.Duration;
import java.util.Map;

/**
 * The chat application's settings from the environment: Claude through the Anthropic provider when
 * {@code ANTHROPIC_API_KEY} is set (at {@code ANTHROPIC_BASE_URL} if that is set too), else an
 * OpenAI-compatible server at {@code TROUPE_CHAT_OPENAI_URL} (llama.cpp, Ollama's {@code /v1}), else the
 * offline responder, which the page labels as such. The key is read into the provider only.
 */
final class DemoChat {
    static final String KEY_VARIABLE = "ANTHROPIC_API_KEY";
    static final String DEFAULT_MODEL = "claude-sonnet-4-5";
    private static final Duration OFFLINE_PAUSE = Duration.ofMillis(25);
    private static final Duration ROLLUP_TIMEOUT = Duration.ofSeconds(20);

    private DemoChat() {
    }

    /** The settings {@code env} asks for; {@code model} null for the default; the word count if {@code wasm}. */
    static ChatSetup.Settings settings(Map<String, String> env, String model, boolean wasm) {
        String key = env.get(KEY_VARIABLE);
        String openAi = env.get("TROUPE_CHAT_OPENAI_URL");
        LlmProvider provider;
        if (key != null && !key.isBlank()) {
            AnthropicProvider.Builder builder = AnthropicProvider.builder(ApiKey.of(key.strip(), "environment variable " + KEY_VARIABLE));
            String baseUrl = env.get("ANTHROPIC_BASE_URL");
            provider = (baseUrl == null || baseUrl.isBlank() ? builder : builder.baseUrl(baseUrl)).build();
        } else if (openAi != null && !openAi.isBlank()) {
            provider = OpenAiCompatibleProvider.builder(openAi).build();
        } else {
            provider = new OfflineResponder(OFFLINE_PAUSE);
        }
        boolean offline = provider instanceof OfflineResponder;
        String chosen = model != null ? model : offline ? OfflineResponder.NAME : DEFAULT_MODEL;
        return new ChatSetup.Settings(provider, chosen, offline, ChatSetup.builtInChildren(wasm), ROLLUP_TIMEOUT);
    }

    /** What the start-up lines say about the assistant. */
    static String describe(ChatSetup.Settings settings) {
        return settings.offline() ? "offline responder (set " + KEY_VARIABLE + " to answer with Claude)"
                : settings.provider().name() + ", model " + settings.model();
    }
}
