package dev.troupe.rivetkit;

import java.util.ArrayList;
import java.util.List;

/**
 * RivetKit's two spellings of an actor key (a list of strings). The {@code /actors} API joins the parts
 * with {@code /}, escaping {@code \} as {@code \\} and {@code /} as {@code \/}, writes an empty part as
 * {@code \0} and the empty key as {@code /} ({@code serializeActorKey} and {@code deserializeActorKey}
 * in rivetkit's {@code actor/keys.ts}, followed exactly, including its reading of a trailing lone
 * backslash as a literal one). The gateway's {@code rvt-key} joins them with {@code ,} and no escaping,
 * so a part containing a comma arrives as two parts: a RivetKit limitation. Stateless.
 */
final class ActorKeys {
    private static final String EMPTY_KEY = "/";

    private ActorKeys() {
    }

    /** The {@code /actors} spelling of {@code parts}. */
    static String serialize(List<String> parts) {
        if (parts.isEmpty()) {
            return EMPTY_KEY;
        }
        List<String> escaped = new ArrayList<>(parts.size());
        for (String part : parts) {
            escaped.add(part.isEmpty() ? "\\0" : part.replace("\\", "\\\\").replace("/", "\\/"));
        }
        return String.join("/", escaped);
    }

    /** The parts of an {@code /actors} key; null or {@code /} is the empty key. */
    static List<String> deserialize(String serialized) {
        List<String> parts = new ArrayList<>();
        if (serialized.equals(EMPTY_KEY)) {
            return parts;
        }
        StringBuilder current = new StringBuilder();
        boolean escaping = false;
        boolean emptyMarker = false;
        for (int i = 0; i < serialized.length(); i++) {
            char c = serialized.charAt(i);
            if (escaping) {
                if (c == '0') {
                    emptyMarker = true;
                } else {
                    current.append(c);
                }
                escaping = false;
            } else if (c == '\\') {
                escaping = true;
            } else if (c == '/') {
                parts.add(emptyMarker ? "" : current.toString());
                emptyMarker = false;
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (escaping) {
            parts.add(current + "\\");
        } else if (emptyMarker) {
            parts.add("");
        } else if (!current.isEmpty() || !parts.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** The parts of a gateway {@code rvt-key}: split on every comma; absent is the empty key. */
    static List<String> fromGateway(String joined) {
        return List.of(joined.split(",", -1));
    }
}
