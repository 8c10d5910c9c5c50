package dev.troupe.agent;

import static dev.troupe.agent.AnthropicWire.quote;

import java.util.ArrayList;
import java.util.List;

/**
 * Wire-format fixtures of OpenAI-style chat completions as llama.cpp's server and Ollama answer them:
 * a completion's JSON, the {@code chat.completion.chunk} events of a stream up to {@code data: [DONE]}
 * (the last chunk carrying usage when {@code stream_options.include_usage} is set) and the error body.
 * Fixtures, not a real server.
 */
final class OpenAiWire {
    static final String MODEL = "qwen2.5-7b-instruct";

    private OpenAiWire() {
    }

    static String completion(String id, String text) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":1764720000,\"model\":\"" + MODEL + "\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(text) + "},"
                + "\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":6,\"total_tokens\":23}}";
    }

    static String toolCall(String id, String callId, String tool, String arguments) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":1764720000,\"model\":\"" + MODEL + "\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"" + callId + "\",\"type\":\"function\",\"function\":{\"name\":\"" + tool + "\","
                + "\"arguments\":" + quote(arguments) + "}}]},\"finish_reason\":\"tool_calls\"}],"
                + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":12,\"total_tokens\":42}}";
    }

    static String error(String type, String message) {
        return "{\"error\":{\"code\":400,\"message\":" + quote(message) + ",\"type\":\"" + type + "\"}}";
    }

    /** The chunks of a streamed answer whose text arrives in {@code pieces}. */
    static List<String> textStream(String id, List<String> pieces) {
        List<String> events = new ArrayList<>();
        events.add(chunk(id, "{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String piece : pieces) {
            events.add(chunk(id, "{\"content\":" + quote(piece) + "}", null));
        }
        events.add(chunk(id, "{}", "stop"));
        events.add(usageChunk(id) + "data: [DONE]\n\n");
        return events;
    }

    /** The chunks of a streamed tool call whose arguments arrive in {@code parts}. */
    static List<String> toolCallStream(String id, String callId, String tool, List<String> parts) {
        List<String> events = new ArrayList<>();
        events.add(chunk(id, "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"" + callId
                + "\",\"type\":\"function\",\"function\":{\"name\":\"" + tool + "\",\"arguments\":\"\"}}]}", null));
        for (String part : parts) {
            events.add(chunk(id, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote(part) + "}}]}", null));
        }
        events.add(chunk(id, "{}", "tool_calls"));
        events.add(usageChunk(id) + "data: [DONE]\n\n");
        return events;
    }

    private static String chunk(String id, String delta, String finish) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1764720000,\"model\":\""
                + MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private static String usageChunk(String id) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1764720000,\"model\":\""
                + MODEL + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":9,\"total_tokens\":26}}\n\n";
    }
}
