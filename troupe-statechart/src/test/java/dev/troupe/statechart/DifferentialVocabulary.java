package dev.troupe.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The guards and actions of the differential fixtures, identical to those of
 * {@code src/test/node/run-traces.mjs}: assigns on {@code count} and {@code flag}, {@code raise:X},
 * {@code emit:X}, {@code sendParent:X}, {@code sendTo:X}, and any other name as an effect.
 */
final class DifferentialVocabulary {
    private DifferentialVocabulary() {}

    static Implementations forMachine(JsonNode machine) {
        Implementations.Builder builder = Implementations.builder()
                .guard("countBelow3", (c, e) -> count(c) < 3)
                .guard("countIsEven", (c, e) -> count(c) % 2 == 0)
                .guard("countAbove5", (c, e) -> count(c) > 5)
                .guard("flag", (c, e) -> c.path("flag").asBoolean(false))
                .guard("eventIsEven", (c, e) -> e.path("n").isNumber() && e.get("n").asInt() % 2 == 0);
        for (String name : actionNames(machine, new LinkedHashSet<>())) {
            String kind = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            String argument = name.substring(name.indexOf(':') + 1);
            switch (kind) {
                case "inc" -> builder.assign(name, (c, e) -> c.put("count", count(c) + 1));
                case "dec" -> builder.assign(name, (c, e) -> c.put("count", count(c) - 1));
                case "reset" -> builder.assign(name, (c, e) -> c.put("count", 0));
                case "double" -> builder.assign(name, (c, e) -> c.put("count", count(c) * 2));
                case "toggleFlag" -> builder.assign(name, (c, e) -> c.put("flag", !c.path("flag").asBoolean(false)));
                case "addN" -> builder.assign(name, (c, e) -> c.put("count", count(c) + e.path("n").asInt(0)));
                case "raise" -> builder.raise(name, (c, e) -> event(argument));
                case "emit" -> builder.emit(name, (c, e) -> event(argument));
                case "sendParent" -> builder.sendParent(name, (c, e) -> event(argument));
                case "sendTo" -> builder.sendTo(name, (c, e) -> "other", (c, e) -> event(argument));
                default -> builder.effect(name);
            }
        }
        return builder.build();
    }

    private static int count(ObjectNode context) {
        return context.path("count").asInt();
    }

    private static ObjectNode event(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static Set<String> actionNames(JsonNode node, Set<String> names) {
        if (node.isArray()) {
            node.forEach(child -> actionNames(child, names));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (Set.of("entry", "exit", "actions").contains(field.getKey())) {
                    JsonNode value = field.getValue();
                    for (JsonNode action : value.isArray() ? value : java.util.List.of(value)) {
                        names.add(action.isTextual() ? action.asText() : action.path("type").asText());
                    }
                } else {
                    actionNames(field.getValue(), names);
                }
            }
        }
        return names;
    }
}
