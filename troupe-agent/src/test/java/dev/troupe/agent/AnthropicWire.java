package dev.troupe.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Wire-format fixtures of the Anthropic Messages API, written after its documentation (Messages,
 * Streaming Messages, Errors): the JSON of a message, the server-sent events of a streamed one
 * ({@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta} with
 * {@code text_delta} and {@code input_json_delta}, {@code content_block_stop}, {@code message_delta},
 * {@code message_stop}, {@code error}) and the error body. Fixtures, not the real service.
 */
public final class AnthropicWire {
    /** The model the fixtures name. */
    public static final String MODEL = "claude-sonnet-4-5";

    private AnthropicWire() {
    }

    /** A complete message with one text block. */
    public static String textMessage(String id, String text, String stopReason) {
        return "{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\","
                + "\"content\":[{\"type\":\"text\",\"text\":" + quote(text) + "}],"
                + "\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":21,\"output_tokens\":7}}";
    }

    /** A complete message with a text block and a tool call. */
    public static String toolUseMessage(String id, String text, String toolId, String tool, String inputJson) {
        return "{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\","
                + "\"content\":[{\"type\":\"text\",\"text\":" + quote(text) + "},"
                + "{\"type\":\"tool_use\",\"id\":\"" + toolId + "\",\"name\":\"" + tool + "\",\"input\":" + inputJson + "}],"
                + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":40,\"output_tokens\":18}}";
    }

    /** The error body of a failed request. */
    public static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":" + quote(message) + "},"
                + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
    }

    /** The events of a streamed message whose one text block arrives in {@code pieces}. */
    public static List<String> textStream(String id, List<String> pieces) {
        List<String> events = new ArrayList<>();
        events.add(messageStart(id));
        events.add(textBlockStart(0));
        events.add(event("ping", "{\"type\": \"ping\"}"));
        for (String piece : pieces) {
            events.add(textDelta(0, piece));
        }
        events.add(blockStop(0));
        events.add(messageEnd("end_turn", 15));
        return events;
    }

    /** The events of a streamed message with a text block and then a tool call whose input arrives in {@code jsonParts}. */
    public static List<String> toolUseStream(String id, String text, String toolId, String tool, List<String> jsonParts) {
        List<String> events = new ArrayList<>();
        events.add(messageStart(id));
        events.add(textBlockStart(0));
        events.add(textDelta(0, text));
        events.add(blockStop(0));
        events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + toolId + "\",\"name\":\"" + tool + "\",\"input\":{}}}"));
        for (String part : jsonParts) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
                    + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + quote(part) + "}}"));
        }
        events.add(blockStop(1));
        events.add(messageEnd("tool_use", 89));
        return events;
    }

    /** A stream that starts a message, then fails with an {@code error} event. */
    public static List<String> failingStream(String id, String type, String message) {
        return List.of(messageStart(id), textBlockStart(0), textDelta(0, "Par"), event("error", error(type, message)));
    }

    private static String textBlockStart(int index) {
        return event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index + ","
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    }

    private static String textDelta(int index, String text) {
        return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index + ","
                + "\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(text) + "}}");
    }

    private static String blockStop(int index) {
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    private static String messageStart(String id) {
        return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[],\"model\":\"" + MODEL + "\",\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}");
    }

    private static String messageEnd(String stopReason, int outputTokens) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason + "\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    /** One server-sent event. */
    public static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    /** {@code text} as a JSON string. */
    public static String quote(String text) {
        return dev.troupe.json.Json.mapper().valueToTree(text).toString();
    }
}
