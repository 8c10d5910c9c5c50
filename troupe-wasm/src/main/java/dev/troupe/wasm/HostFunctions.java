package dev.troupe.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Effects;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.UserException;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The host API a module imports from the module {@code troupe}: each function checks the capability it
 * needs against the running turn's (see {@code docs/wasm.md} for the table), then acts on the turn.
 */
final class HostFunctions {
    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;
    private static final long[] NONE = new long[0];

    private HostFunctions() {
    }

    static ImportValues imports(Sandbox box) {
        List<HostFunction> functions = new ArrayList<>();
        functions.add(fn("state_get", List.of(I32, I32), List.of(I32), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.STATE, "state_get");
            byte[] json = write(turn.state);
            if (json.length <= a[1]) {
                box.write(a[0], json);
            }
            return new long[] {json.length};
        }));
        functions.add(fn("state_set", List.of(I32, I32), List.of(), (inst, a) -> {
            Turn turn = box.turn();
            changeState(turn, "state_set");
            turn.state = parse(box.readBytes(a[0], a[1]), "state_set");
            turn.stateChanged = true;
            return NONE;
        }));
        functions.add(fn("state_get_i64", List.of(I32, I32), List.of(I64), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.STATE, "state_get_i64");
            return new long[] {turn.state.path(box.readString(a[0], a[1])).asLong(0)};
        }));
        functions.add(fn("state_set_i64", List.of(I32, I32, I64), List.of(), (inst, a) -> {
            Turn turn = box.turn();
            changeState(turn, "state_set_i64");
            ObjectNode next = turn.state.isObject() ? ((ObjectNode) turn.state).deepCopy() : Json.mapper().createObjectNode();
            next.put(box.readString(a[0], a[1]), a[2]);
            turn.state = next;
            turn.stateChanged = true;
            return NONE;
        }));
        functions.add(fn("arg_i64", List.of(I32), List.of(I64), (inst, a) ->
                new long[] {box.turn().args.path((int) a[0]).asLong(0)}));
        functions.add(fn("result", List.of(I32, I32), List.of(), (inst, a) -> {
            box.turn().result = parse(box.readBytes(a[0], a[1]), "result");
            return NONE;
        }));
        functions.add(fn("result_i64", List.of(I64), List.of(), (inst, a) -> {
            box.turn().result = Json.mapper().getNodeFactory().numberNode(a[0]);
            return NONE;
        }));
        functions.add(fn("fail", List.of(I32, I32, I32, I32), List.of(), (inst, a) -> {
            box.turn().failure = new UserException(box.readString(a[0], a[1]), box.readString(a[2], a[3]));
            return NONE;
        }));
        functions.add(fn("broadcast", List.of(I32, I32, I32, I32), List.of(), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.BROADCAST, "broadcast");
            JsonNode args = parse(box.readBytes(a[2], a[3]), "broadcast");
            List<Object> values = new ArrayList<>();
            args.forEach(values::add);
            turn.context.broadcast(box.readString(a[0], a[1]), values.toArray());
            return NONE;
        }));
        functions.add(fn("broadcast_i64", List.of(I32, I32, I64), List.of(), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.BROADCAST, "broadcast_i64");
            turn.context.broadcast(box.readString(a[0], a[1]), a[2]);
            return NONE;
        }));
        functions.add(fn("log", List.of(I32, I32, I32), List.of(), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.LOG, "log");
            String message = box.readString(a[1], a[2]);
            if (a[0] >= 2) {
                turn.context.logger().warn("{}", message);
            } else {
                turn.context.logger().info("{}", message);
            }
            return NONE;
        }));
        functions.add(fn("now_ms", List.of(), List.of(I64), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.CLOCK, "now_ms");
            return new long[] {turn.context.effects().now().toEpochMilli()};
        }));
        functions.add(fn("random", List.of(), List.of(ValType.F64), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.RANDOM, "random");
            return new long[] {Double.doubleToRawLongBits(turn.context.effects().random())};
        }));
        functions.add(fn("schedule", List.of(I32, I32, I64, I32, I32), List.of(), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.SCHEDULE, "schedule");
            List<Object> values = new ArrayList<>();
            parse(box.readBytes(a[3], a[4]), "schedule").forEach(values::add);
            turn.context.schedules().after(Duration.ofMillis(a[2]), box.readString(a[0], a[1]), values.toArray());
            return NONE;
        }));
        functions.add(fn("spawn", List.of(I32, I32, I32, I32, I32, I32), List.of(), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.SPAWN, "spawn");
            String type = box.readString(a[0], a[1]);
            Set<Capability> grant = Capabilities.read(parse(box.readBytes(a[4], a[5]), "spawn"));
            Capabilities.requireSubset(grant, turn.capabilities, "a parent may grant a child only capabilities it holds");
            Class<?> contract = box.childContract(type);
            turn.context.children().spawn(contract, box.readString(a[2], a[3]), Input.of(Capabilities.grantInput(grant)));
            return NONE;
        }));
        functions.add(fn("call", List.of(I32, I32, I32, I32, I32, I32, I32, I32), List.of(I32), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.CALL, "call");
            Key key = key(parse(box.readBytes(a[2], a[3]), "call"));
            JsonNode args = parse(box.readBytes(a[6], a[7]), "call");
            ObjectNode answer = Json.mapper().createObjectNode();
            try {
                answer.set("result", turn.context.call(box.readString(a[0], a[1]), key, box.readString(a[4], a[5]), args));
            } catch (TroupeException e) {
                if (e.error().group().equals("wasm")) {
                    throw e;
                }
                answer.putObject("error").put("group", e.error().group()).put("code", e.error().code())
                        .put("message", e.error().message());
            }
            return hostResult(turn, answer);
        }));
        functions.add(fn("http", List.of(I32, I32), List.of(I32), (inst, a) -> {
            Turn turn = box.turn();
            turn.require(Capability.HTTP, "http");
            Effects.HttpResult response;
            HttpRequest request = OutboundHttp.request(parse(box.readBytes(a[0], a[1]), "http"));
            try {
                response = turn.context.effects().http(request);
            } catch (UncheckedIOException e) {
                throw new TroupeException(ErrorCode.WASM_HTTP_FAILED, e.getMessage(), e);
            }
            return hostResult(turn, OutboundHttp.answer(response));
        }));
        functions.add(fn("host_result", List.of(I32, I32), List.of(I32), (inst, a) -> {
            byte[] answer = box.turn().hostResult;
            if (answer.length <= a[1]) {
                box.write(a[0], answer);
            }
            return new long[] {answer.length};
        }));
        return ImportValues.builder().withFunctions(new ArrayList<>(functions)).build();
    }

    /** Keeps {@code answer} for {@code host_result} and returns its length in bytes. */
    private static long[] hostResult(Turn turn, JsonNode answer) {
        turn.hostResult = write(answer);
        return new long[] {turn.hostResult.length};
    }

    /** A key given by the module as a JSON array of strings. */
    private static Key key(JsonNode parts) {
        if (!parts.isArray() || parts.isEmpty()) {
            throw Manifest.invalid("a key must be a non-empty JSON array of strings, got " + parts);
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode part : parts) {
            if (!part.isTextual()) {
                throw Manifest.invalid("a key must be a non-empty JSON array of strings, got " + parts);
            }
            strings.add(part.asText());
        }
        return Key.of(strings);
    }

    private static void changeState(Turn turn, String function) {
        turn.require(Capability.STATE, function);
        if (turn.readOnly) {
            throw new TroupeException(ErrorCode.WASM_CAPABILITY_DENIED,
                    "host function '" + function + "' changes state, which a read-only action may not");
        }
    }

    private static HostFunction fn(String name, List<ValType> params, List<ValType> results, WasmFunctionHandle handle) {
        return new HostFunction("troupe", name, FunctionType.of(params, results), handle);
    }

    static JsonNode parse(byte[] json, String function) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            if (node == null) {
                throw new IOException("no JSON value");
            }
            return node;
        } catch (IOException e) {
            throw Manifest.invalid("the module passed malformed JSON to '" + function + "': "
                    + new String(json, StandardCharsets.UTF_8));
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.INTERNAL_ERROR, "a JSON tree did not serialise", e);
        }
    }
}
