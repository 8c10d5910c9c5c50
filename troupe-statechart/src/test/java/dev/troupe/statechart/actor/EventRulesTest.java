package dev.troupe.statechart.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payload schemas that take every object are not run; every other schema still refuses what does not
 * fit it, annotations or not.
 */
class EventRulesTest {
    @Test
    void schemasThatTakeEveryObjectAcceptAnyPayload() throws Exception {
        EventRules rules = rules(Map.of(
                "ANY", "{\"type\":\"object\"}",
                "EMPTY", "{}",
                "TRUE", "true",
                "NOTED", "{\"type\":\"object\",\"title\":\"t\",\"description\":\"d\",\"$comment\":\"c\"}"));
        for (String type : new String[] {"ANY", "EMPTY", "TRUE", "NOTED"}) {
            assertThatCode(() -> rules.check(CallerType.CLIENT, type, event(type, "{\"x\":[1,{\"y\":null}]}")))
                    .as(type).doesNotThrowAnyException();
        }
    }

    @Test
    void otherSchemasStillRefuseWhatDoesNotFit() throws Exception {
        EventRules rules = rules(Map.of(
                "REQUIRED", "{\"type\":\"object\",\"required\":[\"x\"]}",
                "NOTHING", "false",
                "CLOSED", "{\"type\":\"object\",\"title\":\"t\",\"additionalProperties\":false}"));
        for (String type : new String[] {"REQUIRED", "NOTHING", "CLOSED"}) {
            assertThatThrownBy(() -> rules.check(CallerType.CLIENT, type, event(type, "{\"z\":1}")))
                    .as(type)
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.is(ErrorCode.MACHINE_INVALID_EVENT)).isTrue());
        }
    }

    private static EventRules rules(Map<String, String> schemas) throws Exception {
        Map<String, JsonNode> parsed = new HashMap<>();
        for (Map.Entry<String, String> schema : schemas.entrySet()) {
            parsed.put(schema.getKey(), Json.mapper().readTree(schema.getValue()));
        }
        return new EventRules(Map.of(CallerType.CLIENT, parsed));
    }

    private static ObjectNode event(String type, String payload) throws Exception {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(payload);
        event.put("type", type);
        event.putObject("caller").put("type", "client").put("id", "c");
        return event;
    }
}
